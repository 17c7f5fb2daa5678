using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Data.Importing.DeepFashion;

/// <summary>One line of In-shop's partition file: an image, the item it shows and its evaluation status.</summary>
/// <param name="Path">The image's path relative to the root (<c>img/WOMEN/Dresses/id_00000002/02_1_front.jpg</c>).</param>
/// <param name="ItemId">The item the partition file names (<c>id_00000002</c>).</param>
/// <param name="Status">The evaluation status as written: <c>train</c>, <c>query</c>, <c>gallery</c>, or something else.</param>
/// <param name="Line">The 1-based line of the partition file, for reports.</param>
internal readonly record struct InShopListedImage(string Path, string ItemId, string Status, int Line);

/// <summary>DeepFashion In-shop's <c>list_eval_partition.txt</c>, located and parsed.</summary>
internal sealed class InShopPartition
{
    /// <summary>Where the data set keeps the file, relative to its root.</summary>
    public const string EvalFile = "Eval/list_eval_partition.txt";

    /// <summary>Where some copies keep it instead: they were unpacked without the <c>Eval/</c> folder.</summary>
    public const string RootFile = "list_eval_partition.txt";

    private InShopPartition(string location, List<InShopListedImage> images)
    {
        Location = location;
        Images = images;
    }

    /// <summary>The file read, relative to the root (<see cref="EvalFile"/> or <see cref="RootFile"/>), for reports.</summary>
    public string Location { get; }

    /// <summary>Every listed image, in file order; paths are valid relative paths and distinct.</summary>
    public List<InShopListedImage> Images { get; }

    /// <summary>Reads the partition file of the data set at <paramref name="root"/>, <see cref="EvalFile"/> before <see cref="RootFile"/>.</summary>
    /// <exception cref="FileNotFoundException">Neither file exists.</exception>
    /// <exception cref="CatalogFormatException">The file is malformed (count, header, fields, a path, an image listed twice); the message names the file and line.</exception>
    public static InShopPartition Read(string root)
    {
        var relative = File.Exists(Path.Combine(root, EvalFile)) ? EvalFile : RootFile;
        var path = Path.Combine(root, relative);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"DeepFashion In-shop's partition file is missing: neither '{Path.Combine(root, EvalFile)}' nor '{path}' exists.", path);
        }

        var images = new List<InShopListedImage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in DeepFashionListFile.Read(path, "image_name", "item_id", "evaluation_status"))
        {
            // Image names have no spaces; everything before the last two fields is the path.
            var image = string.Join(' ', line.Fields[..^2]);
            if (CatalogPath.Validate(image) is { } problem)
            {
                throw new CatalogFormatException(path, line.Number, problem);
            }

            if (!seen.Add(image))
            {
                throw new CatalogFormatException(path, line.Number, $"image '{image}' is listed twice");
            }

            images.Add(new InShopListedImage(image, line.Fields[^2], Intern(line.Fields[^1]), line.Number));
        }

        return new InShopPartition(relative, images);
    }

    // 52,712 lines share three values.
    private static string Intern(string status) => status switch
    {
        ProductSplit.Train => ProductSplit.Train,
        ProductSplit.Query => ProductSplit.Query,
        ProductSplit.Gallery => ProductSplit.Gallery,
        _ => status,
    };
}
