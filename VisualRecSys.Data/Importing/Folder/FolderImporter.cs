using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Data.Importing.Folder;

/// <summary>Imports a folder of images described by a catalog CSV (the demo catalog, a retailer's export).</summary>
/// <remarks>
/// <para>
/// Each row whose split is not <c>query</c> becomes a product with source key <c>folder:{id}</c> — so the CSV id
/// identifies a product across imports, and a row whose id was imported before is "already present" and left
/// unchanged — and a database-assigned product id (in CSV order, so an empty database numbers the demo catalog as
/// its CSV does). Its image <c>{source}/{file}</c> is validated and copied to <c>folder/{id}{extension}</c> below the
/// images folder, the extension that of the image's real format, so two catalogs that both have a
/// <c>catalog/00001.png</c> cannot overwrite each other's images.
/// </para>
/// <para><c>query</c> rows are held out: they are sample query images, not products.</para>
/// </remarks>
public sealed class FolderImporter
{
    /// <summary>The prefix of every source key this importer writes.</summary>
    public const string SourceKeyPrefix = "folder:";

    /// <summary>The folder below the images folder that receives the images.</summary>
    public const string ImageFolderName = "folder";

    /// <summary>The CSV read when none is named.</summary>
    public const string DefaultCsvName = "catalog.csv";

    private readonly ProductBatchWriter _writer;
    private readonly IImageInspector _inspector;

    /// <summary>Creates an importer writing to the database of <paramref name="contextFactory"/>.</summary>
    /// <param name="contextFactory">Factory of contexts over the SQLite database.</param>
    /// <param name="inspector">Validates each image before it becomes a product.</param>
    /// <param name="timeProvider">Clock for <see cref="Product.CreatedAt"/>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contextFactory"/> or <paramref name="inspector"/> is <see langword="null"/>.</exception>
    public FolderImporter(
        IDbContextFactory<VisualRecSysDbContext> contextFactory, IImageInspector inspector, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(inspector);
        _writer = new ProductBatchWriter(contextFactory, timeProvider ?? TimeProvider.System);
        _inspector = inspector;
    }

    /// <summary>The source key of the product imported from CSV row id <paramref name="csvId"/>.</summary>
    public static string SourceKeyOf(int csvId) => SourceKeyPrefix + csvId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Imports the rows of the CSV that are not products yet; a missing, corrupt or oversized image is skipped and reported.</summary>
    /// <param name="options">Source folder, CSV, images folder and batch size.</param>
    /// <param name="progress">Receives (done, total) after each batch.</param>
    /// <param name="ct">Cancels the import; committed batches stay, and importing again completes the rest.</param>
    /// <returns>What was added, already present, skipped (with the first reasons) and held out.</returns>
    /// <exception cref="CatalogFormatException">The CSV is invalid; nothing is imported.</exception>
    /// <exception cref="FileNotFoundException">The CSV does not exist.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public Task<ImportReport> ImportAsync(FolderImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SourceDirectory);

        var sourceRoot = Path.GetFullPath(options.SourceDirectory);
        var csvPath = options.ResolvedCsvPath;
        if (!File.Exists(csvPath))
        {
            throw new FileNotFoundException($"The catalog CSV '{csvPath}' does not exist.", csvPath);
        }

        var rows = CatalogCsv.Read(csvPath);
        var products = rows.Where(r => r.Split != CatalogSplit.Query).ToList();
        var categories = products.Select(r => r.Category).Distinct(StringComparer.Ordinal).Count();
        var job = new ImportJob(
            products.Select(row => Entry(row, sourceRoot)), products.Count, categories, rows.Count - products.Count, options);
        return _writer.RunAsync(job, progress, ct);
    }

    private ImportEntry Entry(CatalogRow row, string sourceRoot) => new()
    {
        SourceKey = SourceKeyOf(row.Id),
        Label = $"{row.File} (id {row.Id})",
        Title = row.Title,
        Category = row.Category,
        Split = row.Split,
        Price = row.Price,
        StoreImage = images => Store(row, CatalogPath.Resolve(sourceRoot, row.File), images),
    };

    private StoredImage Store(CatalogRow row, string source, ImageFolder images)
    {
        var (bytes, inspection, problem) = SourceImage.Load(source, _inspector);
        if (problem is not null)
        {
            return StoredImage.Refused(problem);
        }

        var imageFile = string.Create(CultureInfo.InvariantCulture, $"{ImageFolderName}/{row.Id}{inspection!.FileExtension}");
        // A catalog kept inside the images folder may already be where it is imported to.
        if (!string.Equals(images.PathOf(imageFile), source, StringComparison.Ordinal))
        {
            images.Write(imageFile, bytes);
        }

        return StoredImage.At(imageFile);
    }
}
