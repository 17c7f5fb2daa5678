namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// <see cref="EmbeddingOptions.Provider"/> requires an execution provider (CUDA) that cannot be used here. Thrown instead
/// of falling back to the CPU, which <see cref="ExecutionProviderPreference.Auto"/> would do; the message says why and what to change.
/// </summary>
public sealed class ExecutionProviderUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ExecutionProviderUnavailableException()
        : base("The configured execution provider is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message saying what is missing.</summary>
    public ExecutionProviderUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and ONNX Runtime's error.</summary>
    public ExecutionProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
