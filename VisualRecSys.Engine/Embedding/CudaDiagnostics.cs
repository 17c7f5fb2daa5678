using System.Runtime.InteropServices;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// Explains a CUDA provider failure better than ONNX Runtime's exception, which only says "Failed to load shared
/// library" (the missing dependency goes to ONNX Runtime's own stderr log, not to the exception).
/// </summary>
internal static class CudaDiagnostics
{
    private const string ProviderLibrary = "libonnxruntime_providers_cuda.so";

    /// <summary>
    /// Tries to load the CUDA provider library the way ONNX Runtime would, and returns the loader's error
    /// (e.g. "libcublasLt.so.13: cannot open shared object file"), or <see langword="null"/> when it loads or
    /// the platform is not Linux. Called only after ONNX Runtime has already failed to use CUDA.
    /// </summary>
    public static string? ExplainLoadFailure()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, ProviderLibrary),
            Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", ProviderLibrary),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", ProviderLibrary),
        ];
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return $"{ProviderLibrary} is not in the application folder";
        }

        try
        {
            // Loading succeeds only if every CUDA/cuDNN dependency resolves; the handle is kept, as ONNX Runtime would.
            NativeLibrary.Load(path);
            return null;
        }
        catch (DllNotFoundException e)
        {
            // .NET's message is generic advice followed by the dlerror() text on its last line.
            return e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        }
    }
}
