using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Data.Importing.FashionMnist;

/// <summary>
/// Imports Fashion-MNIST (60,000 training and 10,000 test images of 10 categories) as products, each image written
/// as a greyscale PNG.
/// </summary>
/// <remarks>
/// Image <i>n</i> (1-based) of split <c>train</c> or <c>test</c> becomes the product with source key
/// <c>fashion-mnist:{split}:{n:D5}</c>, image file <c>fashion-mnist/{split}/{n:D5}.png</c> below the images folder,
/// split <c>train</c> or <c>test</c>, the category of its label and the title "<c>{Category} #{k}</c>", where <i>k</i>
/// numbers the category's images through the training set and then the test set (Trouser #1 … #7000).
/// </remarks>
public sealed class FashionMnistImporter
{
    /// <summary>The prefix of every source key this importer writes.</summary>
    public const string SourceKeyPrefix = "fashion-mnist:";

    /// <summary>The folder below the images folder that receives the PNGs.</summary>
    public const string ImageFolderName = "fashion-mnist";

    private readonly ProductBatchWriter _writer;
    private readonly IGreyscalePngEncoder _encoder;

    /// <summary>Creates an importer writing to the database of <paramref name="contextFactory"/>.</summary>
    /// <param name="contextFactory">Factory of contexts over the SQLite database.</param>
    /// <param name="encoder">Encodes the pixels as PNG.</param>
    /// <param name="timeProvider">Clock for <see cref="Product.CreatedAt"/>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contextFactory"/> or <paramref name="encoder"/> is <see langword="null"/>.</exception>
    public FashionMnistImporter(
        IDbContextFactory<VisualRecSysDbContext> contextFactory, IGreyscalePngEncoder encoder, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(encoder);
        _writer = new ProductBatchWriter(contextFactory, timeProvider ?? TimeProvider.System);
        _encoder = encoder;
    }

    /// <summary>Imports the images of both splits that are not products yet; re-importing adds nothing.</summary>
    /// <param name="options">Source folder, images folder, batch size and an optional per-split limit.</param>
    /// <param name="progress">Receives (done, total) after each batch.</param>
    /// <param name="ct">Cancels the import; committed batches stay, and importing again completes the rest.</param>
    /// <returns>What was added, already present or skipped (an image whose label is not one of the 10 classes).</returns>
    /// <exception cref="FileNotFoundException">An IDX file is missing.</exception>
    /// <exception cref="InvalidDataException">An IDX file is corrupt, or a split's image and label counts differ.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public Task<ImportReport> ImportAsync(FashionMnistImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LimitPerSplit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LimitPerSplit, "LimitPerSplit must not be negative.");
        }

        var files = FashionMnistDataset.Locate(options.SourceDirectory);
        // 55 MB of pixels for all 70,000 images: small enough to hold, and the IDX files are gzipped, so not seekable.
        var train = Read(files.TrainImages, files.TrainLabels);
        var test = Read(files.TestImages, files.TestLabels);
        var limit = options.LimitPerSplit ?? int.MaxValue;
        var trainCount = Math.Min(train.Images.Count, limit);
        var testCount = Math.Min(test.Images.Count, limit);

        // Numbered over the whole data set, before any limit, so a title never depends on how much is imported.
        var perCategory = new int[FashionMnistCategories.Names.Count];
        var trainNumbers = Number(train.Labels, perCategory);
        var testNumbers = Number(test.Labels, perCategory);

        var entries = Entries(ProductSplit.Train, train, trainNumbers, trainCount)
            .Concat(Entries(ProductSplit.Test, test, testNumbers, testCount));
        var categories = train.Labels.Take(trainCount).Concat(test.Labels.Take(testCount))
            .Where(label => label < perCategory.Length).Distinct().Count();
        var job = new ImportJob(entries, trainCount + testCount, categories, 0, options);
        return _writer.RunAsync(job, progress, ct);
    }

    private static (IdxImageSet Images, byte[] Labels) Read(string imagesFile, string labelsFile)
    {
        var images = IdxReader.ReadImages(imagesFile);
        var labels = IdxReader.ReadLabels(labelsFile);
        if (images.Count != labels.Length)
        {
            throw new InvalidDataException($"'{imagesFile}' holds {images.Count} images but '{labelsFile}' holds {labels.Length} labels.");
        }

        return (images, labels);
    }

    /// <summary>The 1-based number of each image within its category, continuing the counts in <paramref name="perCategory"/>.</summary>
    private static int[] Number(byte[] labels, int[] perCategory)
    {
        var numbers = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < perCategory.Length)
            {
                numbers[i] = ++perCategory[labels[i]];
            }
        }

        return numbers;
    }

    private IEnumerable<ImportEntry> Entries(string split, (IdxImageSet Images, byte[] Labels) set, int[] numbers, int count)
    {
        var names = FashionMnistCategories.Names;
        for (var i = 0; i < count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{split}/{i + 1:D5}");
            var key = SourceKeyPrefix + name.Replace('/', ':');
            var label = set.Labels[i];
            if (label >= names.Count)
            {
                yield return ImportEntry.Rejected(key, key, $"label {label} is not one of the {names.Count} Fashion-MNIST classes");
                continue;
            }

            var index = i;
            var imageFile = $"{ImageFolderName}/{name}.png";
            yield return new ImportEntry
            {
                SourceKey = key,
                Label = key,
                Title = string.Create(CultureInfo.InvariantCulture, $"{names[label]} #{numbers[i]}"),
                Category = names[label],
                Split = split,
                StoreImage = folder =>
                {
                    folder.Write(imageFile, _encoder.EncodeGreyPng(set.Images.Image(index), set.Images.Columns, set.Images.Rows));
                    return StoredImage.At(imageFile);
                },
            };
        }
    }
}
