using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// Writes the demo catalog shipped in <c>wwwroot-assets/demo-catalog</c>: a balanced, deterministic subset
/// of Fashion-MNIST's test images — the first N of each category as products and the next M of each category as
/// sample query images — as PNG files plus <c>catalog.csv</c>.
/// </summary>
/// <remarks>
/// Only test images, so the head shipped with the demo (trained on all 60,000 training images) has seen none of the
/// demo's products: its figures on the demo catalog are those of unseen products.
/// </remarks>
public static class DemoCatalogMaker
{
    public const int DefaultPerCategory = 200;
    public const int DefaultQueriesPerCategory = 20;

    /// <summary>Writes the catalog and returns its rows.</summary>
    /// <param name="dataset">The Fashion-MNIST files (see <see cref="FashionMnistDataset.Locate"/>).</param>
    /// <param name="outputDirectory">Receives <c>catalog.csv</c>, <c>catalog/</c> and <c>query/</c>.</param>
    /// <param name="perCategory">Products per category, from the test set.</param>
    /// <param name="queriesPerCategory">Query images per category, from the test set after the products.</param>
    public static IReadOnlyList<CatalogRow> Write(FashionMnistFiles dataset, string outputDirectory, int perCategory, int queriesPerCategory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perCategory, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queriesPerCategory);

        var rows = new List<CatalogRow>();
        var nextId = 1;
        var images = IdxReader.ReadImages(dataset.TestImages);
        var labels = IdxReader.ReadLabels(dataset.TestLabels);
        var taken = new int[FashionMnistCategories.Names.Count];
        AddSplit(rows, ref nextId, images, labels, taken, perCategory, "catalog", outputDirectory);
        AddSplit(rows, ref nextId, images, labels, taken, perCategory + queriesPerCategory, "query", outputDirectory);
        CatalogCsv.Write(Path.Combine(outputDirectory, "catalog.csv"), rows);
        return rows;
    }

    /// <summary>
    /// Adds the images of each category, in file order, until <paramref name="upTo"/> of it are taken (counting those
    /// taken by earlier splits, whose images are skipped: the query images come after the products).
    /// </summary>
    private static void AddSplit(List<CatalogRow> rows, ref int nextId, IdxImageSet images, byte[] labels, int[] taken,
        int upTo, string split, string outputDirectory)
    {
        var names = FashionMnistCategories.Names;
        var start = taken.ToArray();
        Directory.CreateDirectory(Path.Combine(outputDirectory, split));

        var seen = new int[names.Count];
        for (var i = 0; i < images.Count && taken.Any(n => n < upTo); i++)
        {
            var label = labels[i];
            if (label >= names.Count || seen[label]++ < start[label] || taken[label] >= upTo)
            {
                continue;
            }
            taken[label]++;
            var id = nextId++;
            var file = $"{split}/{id:D5}.png";
            File.WriteAllBytes(Path.Combine(outputDirectory, file), ImagePreprocessor.EncodePng(images.Image(i), images.Columns, images.Rows));
            var number = taken[label] - start[label];
            var title = split == "catalog" ? $"{names[label]} #{number}" : $"{names[label]} sample #{number}";
            rows.Add(new CatalogRow(id, title, names[label], split, file));
        }
    }
}
