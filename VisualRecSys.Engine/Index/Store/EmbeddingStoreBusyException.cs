namespace VisualRecSys.Engine.Index.Store;

/// <summary>Another writer (the app, or a second embedding run) holds an embedding store's lock.</summary>
public sealed class EmbeddingStoreBusyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingStoreBusyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EmbeddingStoreBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public EmbeddingStoreBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
