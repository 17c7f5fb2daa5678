namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// The bytes given are not an image the engine accepts: empty, too large, not decodable,
/// zero-sized, or with more pixels than allowed. The message says which, and is safe to show to a user.
/// </summary>
public sealed class InvalidImageException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidImageException()
        : base("The data is not a valid image.")
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong with the image.</summary>
    public InvalidImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InvalidImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
