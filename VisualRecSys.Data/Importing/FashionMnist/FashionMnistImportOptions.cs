namespace VisualRecSys.Data.Importing.FashionMnist;

/// <summary>Settings of <see cref="FashionMnistImporter.ImportAsync"/>.</summary>
public sealed record FashionMnistImportOptions : ImportOptions
{
    /// <summary>The folder holding the four IDX files; <see cref="FashionMnistDataset.DefaultDirectory"/> when <see langword="null"/>.</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>
    /// Imports only the first this many images of each split (tests and trials); all of them when <see langword="null"/>.
    /// Titles, keys and file names do not depend on it.
    /// </summary>
    public int? LimitPerSplit { get; init; }
}
