namespace VisualRecSys.Data.Importing;

/// <summary>The verdict of <see cref="IImageInspector.Inspect"/>: an acceptable image, or why it is not one.</summary>
public sealed record ImageInspection
{
    private ImageInspection(string? fileExtension, int width, int height, string? problem)
    {
        FileExtension = fileExtension;
        Width = width;
        Height = height;
        Problem = problem;
    }

    /// <summary>Whether the image is acceptable (<see cref="Problem"/> is <see langword="null"/>).</summary>
    public bool IsValid => Problem is null;

    /// <summary>The usual file extension of the image's format, with the dot (for example <c>.jpg</c>); <see langword="null"/> when invalid.</summary>
    public string? FileExtension { get; }

    /// <summary>Width in pixels; 0 when invalid.</summary>
    public int Width { get; }

    /// <summary>Height in pixels; 0 when invalid.</summary>
    public int Height { get; }

    /// <summary>Why the image is refused, in words fit for a report; <see langword="null"/> when valid.</summary>
    public string? Problem { get; }

    /// <summary>An acceptable image.</summary>
    /// <param name="fileExtension">The format's file extension with the dot, for example <c>.png</c>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException"><paramref name="fileExtension"/> does not start with a dot.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static ImageInspection Valid(string fileExtension, int width, int height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileExtension);
        if (fileExtension[0] != '.')
        {
            throw new ArgumentException($"File extension '{fileExtension}' must start with a dot.", nameof(fileExtension));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return new ImageInspection(fileExtension, width, height, null);
    }

    /// <summary>A refused image.</summary>
    /// <param name="problem">Why, for example "The image is truncated."</param>
    public static ImageInspection Invalid(string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        return new ImageInspection(null, 0, 0, problem);
    }
}
