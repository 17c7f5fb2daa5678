namespace VisualRecSys.Data.Catalog;

/// <summary>A catalog CSV, or a file it refers to, is invalid. The message names the file and, where known, the line.</summary>
public sealed class CatalogFormatException : FormatException
{
    /// <summary>Creates an exception with a default message.</summary>
    public CatalogFormatException()
        : base("The catalog is invalid.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">The complete message.</param>
    public CatalogFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">The complete message.</param>
    /// <param name="innerException">The cause.</param>
    public CatalogFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about line <paramref name="lineNumber"/> of <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The catalog CSV.</param>
    /// <param name="lineNumber">The 1-based line number (the header is line 1), or <see langword="null"/> for the file as a whole.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CatalogFormatException(string filePath, int? lineNumber, string problem, Exception? innerException = null)
        : base(lineNumber is { } line ? $"{filePath}, line {line}: {problem}" : $"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    /// <summary>The catalog CSV, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line number in <see cref="FilePath"/> (the header is line 1), when known.</summary>
    public int? LineNumber { get; }
}
