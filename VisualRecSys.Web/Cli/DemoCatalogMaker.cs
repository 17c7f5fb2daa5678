using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Cli;

/// <summary>
/// Writes the demo catalog shipped in <c>wwwroot-assets/demo-catalog</c>: a balanced, deterministic subset
/// of Fashion-MNIST — the first N training images of each category as products and the first M test
/// images of each category as sample query images — as PNG files plus <c>catalog.csv</c>.
/// </summary>
public static class DemoCatalogMaker
{
    public const int DefaultPerCategory = 200;
    public const int DefaultQueriesPerCategory = 20;

    /// <summary>Writes the catalog and returns its rows.</summary>
    /// <param name="dataset">The Fashion-MNIST files (see <see cref="FashionMnistDataset.Locate"/>).</param>
    /// <param name="outputDirectory">Receives <c>catalog.csv</c>, <c>catalog/</c> and <c>query/</c>.</param>
    /// <param name="perCategory">Products per category, from the training set.</param>
    /// <param name="queriesPerCategory">Query images per category, from the test set.</param>
    public static IReadOnlyList<CatalogRow> Write(FashionMnistFiles dataset, string outputDirectory, int perCategory, int queriesPerCategory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perCategory, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queriesPerCategory);

        var rows = new List<CatalogRow>();
        var nextId = 1;
        AddSplit(rows, ref nextId, dataset.TrainImages, dataset.TrainLabels, perCategory, "catalog", outputDirectory);
        AddSplit(rows, ref nextId, dataset.TestImages, dataset.TestLabels, queriesPerCategory, "query", outputDirectory);
        CatalogCsv.Write(Path.Combine(outputDirectory, "catalog.csv"), rows);
        return rows;
    }

    private static void AddSplit(List<CatalogRow> rows, ref int nextId, string imagesFile, string labelsFile,
        int perCategory, string split, string outputDirectory)
    {
        var images = IdxReader.ReadImages(imagesFile);
        var labels = IdxReader.ReadLabels(labelsFile);
        var names = FashionMnistCategories.Names;
        var taken = new int[names.Count];
        Directory.CreateDirectory(Path.Combine(outputDirectory, split));

        for (var i = 0; i < images.Count && taken.Any(n => n < perCategory); i++)
        {
            var label = labels[i];
            if (label >= names.Count || taken[label] >= perCategory)
            {
                continue;
            }
            taken[label]++;
            var id = nextId++;
            var file = $"{split}/{id:D5}.png";
            File.WriteAllBytes(Path.Combine(outputDirectory, file), ImagePreprocessor.EncodePng(images.Image(i), images.Columns, images.Rows));
            var title = split == "catalog" ? $"{names[label]} #{taken[label]}" : $"{names[label]} sample #{taken[label]}";
            rows.Add(new CatalogRow(id, title, names[label], split, file));
        }
    }
}
