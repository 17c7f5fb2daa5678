using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Data.Importing.DeepFashion;

/// <summary>
/// Imports DeepFashion's "In-shop Clothes Retrieval Benchmark" (52,712 images of 7,982 items) as products that keep
/// their item id, so an evaluation can ask whether a photograph of an item finds the item's other photographs.
/// </summary>
/// <remarks>
/// <para>
/// Reads <c>Eval/list_eval_partition.txt</c> (or <c>list_eval_partition.txt</c> at the root): each image's path, item id
/// and evaluation status (train, query or gallery). Image <c>img/WOMEN/Dresses/id_00000002/02_1_front.jpg</c> becomes the
/// product with that source key after <c>deepfashion-inshop:</c>, item key <c>id_00000002</c>, the status as split
/// (query images too: they are products with vectors, which evaluations search with), the category of its category
/// folder made readable (<c>Blouses_Shirts</c> is "Blouses &amp; Shirts", the same for men and women) and the title
/// "Women's Dresses, item 00000002"; the validated image is copied to <c>deepfashion-inshop/{path}</c> below the images
/// folder (with the extension of its real format).
/// </para>
/// <para>
/// A line with an unknown status, a path outside the layout <c>img/&lt;gender&gt;/&lt;category&gt;/&lt;item id&gt;/&lt;file&gt;</c>
/// or an item id that is not its folder's, and an image that is missing or bad, is skipped and reported; a malformed
/// file (count, header, too few fields, a path leaving the root, an image listed twice) is refused before anything is imported.
/// </para>
/// </remarks>
public sealed class InShopImporter
{
    /// <summary>The prefix of every source key this importer writes.</summary>
    public const string SourceKeyPrefix = "deepfashion-inshop:";

    /// <summary>The folder below the images folder that receives the images.</summary>
    public const string ImageFolderName = "deepfashion-inshop";

    private readonly ProductBatchWriter _writer;
    private readonly IImageInspector _inspector;

    /// <summary>Creates an importer writing to the database of <paramref name="contextFactory"/>.</summary>
    /// <param name="contextFactory">Factory of contexts over the SQLite database.</param>
    /// <param name="inspector">Validates each image before it becomes a product.</param>
    /// <param name="timeProvider">Clock for <see cref="Product.CreatedAt"/>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contextFactory"/> or <paramref name="inspector"/> is <see langword="null"/>.</exception>
    public InShopImporter(IDbContextFactory<VisualRecSysDbContext> contextFactory, IImageInspector inspector, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(inspector);
        _writer = new ProductBatchWriter(contextFactory, timeProvider ?? TimeProvider.System);
        _inspector = inspector;
    }

    /// <summary>Imports the images that are not products yet; re-importing adds nothing.</summary>
    /// <param name="options">Data set root, images folder and batch size.</param>
    /// <param name="progress">Receives (done, total) after each batch.</param>
    /// <param name="ct">Cancels the import; committed batches stay, and importing again completes the rest.</param>
    /// <returns>What was added, already present or skipped, with the first reasons.</returns>
    /// <exception cref="FileNotFoundException">The partition file is in neither place.</exception>
    /// <exception cref="CatalogFormatException">The partition file is malformed; nothing is imported.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public Task<ImportReport> ImportAsync(InShopImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SourceDirectory);

        var root = Path.GetFullPath(options.SourceDirectory);
        var partition = InShopPartition.Read(root);
        var entries = partition.Images.Select(image => Entry(root, partition.Location, image)).ToList();
        var categories = entries.Where(e => e.Category.Length > 0).Select(e => e.Category).Distinct(StringComparer.Ordinal).Count();
        return _writer.RunAsync(new ImportJob(entries, entries.Count, categories, 0, options), progress, ct);
    }

    private ImportEntry Entry(string root, string partitionFile, InShopListedImage image)
    {
        var key = SourceKeyPrefix + image.Path;
        if (image.Status is not (ProductSplit.Train or ProductSplit.Query or ProductSplit.Gallery))
        {
            return ImportEntry.Rejected(key, image.Path, $"evaluation status '{image.Status}' is not train, query or gallery ({partitionFile} line {image.Line})");
        }

        var (path, problem) = InShopImagePath.Parse(image.Path);
        if (path is not { } folders)
        {
            return ImportEntry.Rejected(key, image.Path, $"{problem} ({partitionFile} line {image.Line})");
        }

        if (!string.Equals(folders.ItemFolder, image.ItemId, StringComparison.Ordinal))
        {
            // A mismatch means the list and the folders disagree about the item: either could be wrong, so neither is trusted.
            return ImportEntry.Rejected(key, image.Path, $"item id '{image.ItemId}' is not its folder's '{folders.ItemFolder}' ({partitionFile} line {image.Line})");
        }

        return new ImportEntry
        {
            SourceKey = key,
            Label = image.Path,
            Title = folders.Title,
            Category = folders.Category,
            Split = image.Status,
            ItemKey = image.ItemId,
            StoreImage = images => Store(CatalogPath.Resolve(root, image.Path), image.Path, images),
        };
    }

    private StoredImage Store(string source, string imagePath, ImageFolder images)
    {
        var (bytes, inspection, problem) = SourceImage.Load(source, _inspector);
        if (problem is not null)
        {
            return StoredImage.Refused(problem);
        }

        var imageFile = $"{ImageFolderName}/{SourceImage.WithRealExtension(imagePath, inspection!.FileExtension!)}";
        images.Write(imageFile, bytes);
        return StoredImage.At(imageFile);
    }
}
