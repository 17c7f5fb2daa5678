using System.Globalization;
using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Data.Importing.DeepFashion;

/// <summary>The three annotation files the importer needs, parsed and cross-checked.</summary>
internal sealed class DeepFashionAnnotations
{
    public const string CategoriesFile = "Anno/list_category_cloth.txt";
    public const string ImagesFile = "Anno/list_category_img.txt";
    public const string PartitionFile = "Eval/list_eval_partition.txt";

    private DeepFashionAnnotations(IReadOnlyList<string> categories, List<(string Path, int Label)> images, Dictionary<string, string> status)
    {
        Categories = categories;
        Images = images;
        Status = status;
    }

    /// <summary>Category names; label <i>n</i> is <c>Categories[n - 1]</c>.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Each image's path relative to the root (<c>img/…</c>) and its 1-based, checked category label, in file order.</summary>
    public List<(string Path, int Label)> Images { get; }

    /// <summary>The evaluation status (<c>train</c>, <c>val</c>, <c>test</c>) by image path.</summary>
    public Dictionary<string, string> Status { get; }

    /// <exception cref="FileNotFoundException">An annotation file is missing.</exception>
    /// <exception cref="CatalogFormatException">An annotation file is malformed; the message names the file and line.</exception>
    public static DeepFashionAnnotations Read(string root)
    {
        var categoriesPath = Path.Combine(root, CategoriesFile);
        var categories = DeepFashionListFile.Read(categoriesPath, "category_name", "category_type")
            // The type (1 upper, 2 lower, 3 full body) is the last field; a name with spaces keeps them.
            .Select(line => string.Join(' ', line.Fields[..^1]))
            .ToList();
        var duplicate = categories.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CatalogFormatException(categoriesPath, null, $"category '{duplicate.Key}' is listed twice");
        }

        var imagesPath = Path.Combine(root, ImagesFile);
        var images = new List<(string Path, int Label)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in DeepFashionListFile.Read(imagesPath, "image_name", "category_label"))
        {
            var image = ImagePath(imagesPath, line);
            if (!int.TryParse(line.Fields[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var label) || label < 1 || label > categories.Count)
            {
                throw new CatalogFormatException(imagesPath, line.Number, $"category label '{line.Fields[^1]}' is not a number from 1 to {categories.Count}");
            }

            if (!seen.Add(image))
            {
                throw new CatalogFormatException(imagesPath, line.Number, $"image '{image}' is listed twice");
            }

            images.Add((image, label));
        }

        var partitionPath = Path.Combine(root, PartitionFile);
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in DeepFashionListFile.Read(partitionPath, "image_name", "evaluation_status"))
        {
            // Interned: 289,222 entries share three values.
            status[ImagePath(partitionPath, line)] = line.Fields[^1] switch
            {
                ProductSplit.Train => ProductSplit.Train,
                ProductSplit.Validation => ProductSplit.Validation,
                ProductSplit.Test => ProductSplit.Test,
                var other => other,
            };
        }

        return new DeepFashionAnnotations(categories, images, status);
    }

    private static string ImagePath(string file, DeepFashionListFile.Line line)
    {
        // Image names have no spaces; everything before the last field is the path.
        var image = string.Join(' ', line.Fields[..^1]);
        if (CatalogPath.Validate(image) is { } problem)
        {
            throw new CatalogFormatException(file, line.Number, problem);
        }

        return image;
    }
}
