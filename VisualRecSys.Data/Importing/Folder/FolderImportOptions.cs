namespace VisualRecSys.Data.Importing.Folder;

/// <summary>Settings of <see cref="FolderImporter.ImportAsync"/>.</summary>
public sealed record FolderImportOptions : ImportOptions
{
    /// <summary>The folder the CSV's <c>file</c> paths are relative to.</summary>
    public required string SourceDirectory { get; init; }

    /// <summary>The catalog CSV (see <see cref="Catalog.CatalogCsv"/>); <c>catalog.csv</c> in <see cref="SourceDirectory"/> when <see langword="null"/>.</summary>
    public string? CsvPath { get; init; }

    /// <summary>The CSV that will be read: <see cref="CsvPath"/>, or <c>catalog.csv</c> in <see cref="SourceDirectory"/>.</summary>
    public string ResolvedCsvPath => Path.GetFullPath(CsvPath ?? Path.Combine(SourceDirectory, FolderImporter.DefaultCsvName));
}
