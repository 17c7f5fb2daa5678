using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Testing;

/// <summary>
/// A small catalog for tests that start the app: the first few products of each category of the shipped
/// demo catalog, copied into a temporary folder, so embedding it takes seconds rather than minutes.
/// </summary>
internal static class TestCatalog
{
    /// <summary>The repository root (the folder holding VisualRecSys.sln), found from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DemoCatalogCsv => Path.Combine(RepositoryRoot, "wwwroot-assets", "demo-catalog", "catalog.csv");

    /// <summary>Writes <paramref name="perCategory"/> products per category to <paramref name="directory"/> and returns the CSV path.</summary>
    public static string Create(string directory, int perCategory)
    {
        var source = Path.GetDirectoryName(DemoCatalogCsv)!;
        var rows = CatalogCsv.Read(DemoCatalogCsv)
            .Where(r => r.Split == "catalog")
            .GroupBy(r => r.Category)
            .SelectMany(g => g.Take(perCategory))
            .ToList();
        foreach (var row in rows)
        {
            var target = Path.Combine(directory, row.File);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(source, row.File), target, overwrite: true);
        }
        var csv = Path.Combine(directory, "catalog.csv");
        CatalogCsv.Write(csv, rows);
        return csv;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VisualRecSys.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No VisualRecSys.sln above {AppContext.BaseDirectory}.");
    }
}
