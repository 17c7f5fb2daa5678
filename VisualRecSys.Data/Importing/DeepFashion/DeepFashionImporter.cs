using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Data.Importing.DeepFashion;

/// <summary>
/// Imports DeepFashion's "Category and Attribute Prediction Benchmark" (289,222 images, 50 categories) as products.
/// </summary>
/// <remarks>
/// Reads <c>Anno/list_category_cloth.txt</c> (the categories), <c>Anno/list_category_img.txt</c> (each image's
/// 1-based category label) and <c>Eval/list_eval_partition.txt</c> (each image's split: train, val or test). Image
/// <c>img/Sheer_Pleated-Front_Blouse/img_00000001.jpg</c> becomes the product with that source key after
/// <c>deepfashion:</c>, the title of its folder ("Sheer Pleated-Front Blouse"), the category of its label and its
/// evaluation status as split; the validated image is copied to <c>deepfashion/{path}</c> below the images folder
/// (with the extension of its real format). Images with a bad file, no evaluation status or an unknown one are
/// skipped and reported.
/// </remarks>
public sealed class DeepFashionImporter
{
    /// <summary>The prefix of every source key this importer writes.</summary>
    public const string SourceKeyPrefix = "deepfashion:";

    /// <summary>The folder below the images folder that receives the images.</summary>
    public const string ImageFolderName = "deepfashion";

    private readonly ProductBatchWriter _writer;
    private readonly IImageInspector _inspector;

    /// <summary>Creates an importer writing to the database of <paramref name="contextFactory"/>.</summary>
    /// <param name="contextFactory">Factory of contexts over the SQLite database.</param>
    /// <param name="inspector">Validates each image before it becomes a product.</param>
    /// <param name="timeProvider">Clock for <see cref="Product.CreatedAt"/>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contextFactory"/> or <paramref name="inspector"/> is <see langword="null"/>.</exception>
    public DeepFashionImporter(
        IDbContextFactory<VisualRecSysDbContext> contextFactory, IImageInspector inspector, TimeProvider? timeProvider = null)
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
    /// <exception cref="FileNotFoundException">An annotation file is missing.</exception>
    /// <exception cref="CatalogFormatException">An annotation file is malformed; nothing is imported.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public Task<ImportReport> ImportAsync(DeepFashionImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SourceDirectory);

        var root = Path.GetFullPath(options.SourceDirectory);
        var annotations = DeepFashionAnnotations.Read(root);
        var categories = annotations.Images.Select(i => i.Label).Distinct().Count();
        var entries = annotations.Images.Select(image => Entry(root, annotations, image.Path, annotations.Categories[image.Label - 1]));
        return _writer.RunAsync(new ImportJob(entries, annotations.Images.Count, categories, 0, options), progress, ct);
    }

    /// <summary>"Sheer Pleated-Front Blouse" from <c>img/Sheer_Pleated-Front_Blouse/img_00000001.jpg</c>; the category when the image has no folder.</summary>
    internal static string TitleOf(string imagePath, string category)
    {
        var slash = imagePath.LastIndexOf('/');
        var folder = slash < 0 ? "" : imagePath[..slash];
        folder = folder[(folder.LastIndexOf('/') + 1)..];
        var title = string.Join(' ', folder.Split('_', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return title.Length > 0 ? title : category;
    }

    private ImportEntry Entry(string root, DeepFashionAnnotations annotations, string imagePath, string category)
    {
        var key = SourceKeyPrefix + imagePath;
        if (!annotations.Status.TryGetValue(imagePath, out var split))
        {
            return ImportEntry.Rejected(key, imagePath, $"no evaluation status in {DeepFashionAnnotations.PartitionFile}");
        }

        if (split is not (ProductSplit.Train or ProductSplit.Validation or ProductSplit.Test))
        {
            return ImportEntry.Rejected(key, imagePath, $"evaluation status '{split}' is not train, val or test");
        }

        return new ImportEntry
        {
            SourceKey = key,
            Label = imagePath,
            Title = TitleOf(imagePath, category),
            Category = category,
            Split = split,
            StoreImage = images => Store(CatalogPath.Resolve(root, imagePath), imagePath, images),
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
