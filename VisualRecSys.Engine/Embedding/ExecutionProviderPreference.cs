namespace VisualRecSys.Engine.Embedding;

/// <summary>Which ONNX Runtime execution provider the embedder should run the model on.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>Try CUDA and fall back to the CPU when the CUDA provider or a GPU is unavailable.</summary>
    Auto,

    /// <summary>Require CUDA: creating the embedder fails when CUDA cannot be used.</summary>
    Cuda,

    /// <summary>Always use the CPU provider.</summary>
    Cpu,
}
