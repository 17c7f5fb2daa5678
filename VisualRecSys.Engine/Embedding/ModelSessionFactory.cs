using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace VisualRecSys.Engine.Embedding;

/// <summary>Loads an ONNX model with a dynamic batch dimension and picks the execution provider.</summary>
internal static class ModelSessionFactory
{
    /// <summary>
    /// Creates the session. A model whose first input fixes its batch (ResNet18 from the package fixes it at 1) has the
    /// leading dimension of its inputs, outputs and value infos rewritten to the symbol "N" (OnnxSharp's <c>SetDim()</c>)
    /// so one run can take a whole batch.
    /// </summary>
    /// <exception cref="ExecutionProviderUnavailableException">Provider is Cuda and CUDA cannot be used.</exception>
    public static InferenceSession Create(string modelPath, EmbeddingOptions options, out ExecutionProviderInfo provider)
    {
        var model = OnnxFile.Parse(modelPath);
        var batch = model.Graph.Input.FirstOrDefault()?.Type?.TensorType?.Shape?.Dim.FirstOrDefault();
        if (batch is { ValueCase: TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue })
        {
            model.Graph.SetDim();
        }

        var modelBytes = model.ToByteArray();
        if (options.Provider == ExecutionProviderPreference.Cpu)
        {
            provider = new ExecutionProviderInfo(ExecutionProviderInfo.CpuName, "configured");
            return CreateCpu(modelBytes, options);
        }

        try
        {
            var session = CreateCuda(modelBytes, options);
            provider = new ExecutionProviderInfo(
                ExecutionProviderInfo.CudaName,
                options.Provider == ExecutionProviderPreference.Cuda ? "configured" : "available");
            return session;
        }
        catch (OnnxRuntimeException e)
        {
            // Typical here: "Failed to load shared library" when the CUDA 13 / cuDNN libraries are not installed,
            // or a CUDA error at session creation when there is no GPU.
            var detail = CudaDiagnostics.ExplainLoadFailure();
            var reason = detail is null ? FirstLine(e.Message) : $"{FirstLine(e.Message)} ({detail})";
            if (options.Provider == ExecutionProviderPreference.Cuda)
            {
                throw new ExecutionProviderUnavailableException(
                    $"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Provider)} is Cuda, but the CUDA execution provider cannot be used: {reason}. "
                    + "Install the CUDA 13 and cuDNN 9 libraries ONNX Runtime needs and check the GPU, or set "
                    + $"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Provider)} to Auto (CUDA when it loads, else the CPU) or Cpu.", e);
            }

            provider = new ExecutionProviderInfo(ExecutionProviderInfo.CpuName, $"CUDA provider unavailable: {reason}");
            return CreateCpu(modelBytes, options);
        }
    }

    private static InferenceSession CreateCpu(byte[] modelBytes, EmbeddingOptions options)
    {
        using var sessionOptions = CreateOptions(options);
        return new InferenceSession(modelBytes, sessionOptions);
    }

    private static InferenceSession CreateCuda(byte[] modelBytes, EmbeddingOptions options)
    {
        using var sessionOptions = CreateOptions(options);

        // Throws OnnxRuntimeException when libonnxruntime_providers_cuda.so or its CUDA dependencies cannot be loaded;
        // a missing device surfaces only when the session is created, hence both inside the caller's try.
        sessionOptions.AppendExecutionProvider_CUDA(0);
        return new InferenceSession(modelBytes, sessionOptions);
    }

    private static SessionOptions CreateOptions(EmbeddingOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        sessionOptions.IntraOpNumThreads = IntraOpThreads(options);
        return sessionOptions;
    }

    /// <summary>
    /// The threads one inference may use: the configured number, else one per processor this process may run on.
    /// Not ONNX Runtime's own default: on the 2-vCPU virtual machines this runs on it chose one thread, and embedding ran
    /// at half speed (51 against 97 images/s measured with <c>bench embed</c>, one sitting).
    /// </summary>
    internal static int IntraOpThreads(EmbeddingOptions options) =>
        options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount;

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
