using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using VisualRecSys.Data.Importing;
using VisualRecSys.Data.Importing.FashionMnist;

namespace VisualRecSys.Web.Tests.Features.Catalog.Importing;

/// <summary>
/// The Fashion-MNIST importer end to end on the real files of the Debian package <c>dataset-fashion-mnist</c> (the test
/// script installs it), limited to the first 200 images of each split, with the engine's PNG encoder.
/// </summary>
public sealed class FashionMnistImportTests : IAsyncLifetime
{
    private const int Limit = 200;

    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Imports_the_first_images_of_both_splits_as_decodable_PNGs_and_again_adds_nothing()
    {
        var options = new FashionMnistImportOptions { ImagesDirectory = _harness.ImagesDirectory, LimitPerSplit = Limit, BatchSize = 150 };
        var progress = new List<ImportProgress>();

        var report = await _harness.FashionMnist.ImportAsync(options, new SyncProgress(progress.Add), CancellationToken.None);

        Assert.Equal((2 * Limit, 2 * Limit, 0, 0, 10), (report.Total, report.Added, report.AlreadyPresent, report.Skipped, report.Categories));
        Assert.Equal([0, 150, 300, 400], progress.Select(p => p.Done));
        Assert.All(progress, p => Assert.Equal(2 * Limit, p.Total));

        await using (var db = _harness.CreateContext())
        {
            Assert.Equal(FashionMnistCategories.Names.Order(StringComparer.Ordinal), await db.Categories.Select(c => c.Name).OrderBy(n => n).ToListAsync());
            var splits = await db.Products.GroupBy(p => p.Split).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync();
            Assert.Equal([("test", Limit), ("train", Limit)], splits.Select(s => (s.Key!, s.Count)));

            // Train image 1 is an ankle boot, test image 1 too (the 6,001st of the data set).
            var first = await db.Products.Include(p => p.Category).SingleAsync(p => p.SourceKey == "fashion-mnist:train:00001");
            Assert.Equal(("Ankle boot #1", "Ankle boot", "fashion-mnist/train/00001.png"), (first.Title, first.Category!.Name, first.ImageFile));
            var firstTest = await db.Products.SingleAsync(p => p.SourceKey == "fashion-mnist:test:00001");
            Assert.Equal(("Ankle boot #6001", "fashion-mnist/test/00001.png"), (firstTest.Title, firstTest.ImageFile));

            var files = await db.Products.Select(p => p.ImageFile).ToListAsync();
            Assert.Equal(files.Order(StringComparer.Ordinal), ImportHarness.FilesUnder(_harness.ImagesDirectory));
        }

        // Every file is a 28 × 28 PNG; the 200th training image has exactly the data set's pixels.
        var set = IdxReader.ReadImages(FashionMnistDataset.Locate().TrainImages);
        foreach (var file in ImportHarness.FilesUnder(_harness.ImagesDirectory))
        {
            using var bitmap = SKBitmap.Decode(Path.Combine(_harness.ImagesDirectory, file));
            Assert.NotNull(bitmap);
            Assert.Equal((28, 28), (bitmap.Width, bitmap.Height));
        }

        using (var codec = SKCodec.Create(Path.Combine(_harness.ImagesDirectory, "fashion-mnist", "train", "00200.png")))
        {
            Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
            using var grey = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
            Assert.Equal(SKCodecResult.Success, codec.GetPixels(grey.Info, grey.GetPixels()));
            Assert.Equal(set.Image(199).ToArray(), grey.GetPixelSpan().ToArray());
        }

        var again = await _harness.FashionMnist.ImportAsync(options, null, CancellationToken.None);

        Assert.Equal((2 * Limit, 0, 2 * Limit, 0), (again.Total, again.Added, again.AlreadyPresent, again.Skipped));
        await using var check = _harness.CreateContext();
        Assert.Equal(2 * Limit, await check.Products.CountAsync());
    }

    /// <summary>Reports on the caller's thread, in order.</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
