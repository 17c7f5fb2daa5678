using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing.Folder;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Tests.Features.Catalog.Importing;

/// <summary>The folder importer with the engine's image checks: bad files are skipped and reported, good ones imported.</summary>
public sealed class FolderImportTests
{
    [Fact]
    public async Task Skips_corrupt_oversized_and_too_large_images_and_imports_the_others()
    {
        // Small limits, so "too many pixels" and "too many bytes" need no huge files.
        await using var harness = await ImportHarness.CreateAsync(new ImageLimits(MaxBytes: 20_000, MaxPixels: 10_000));
        CatalogRow[] rows =
        [
            new(1, "Good JPEG", "Bag", CatalogSplit.Catalog, "images/1.jpg", 19.99m),
            new(2, "Truncated PNG", "Bag", CatalogSplit.Catalog, "images/2.png"),
            new(3, "Too many pixels", "Coat", CatalogSplit.Catalog, "images/3.png"),
            new(4, "Good WebP", "Coat", "train", "images/4.webp"),
            new(5, "Too many bytes", "Coat", CatalogSplit.Catalog, "images/5.bmp"),
            new(6, "A query", "Coat", CatalogSplit.Query, "images/6.png"),
        ];
        var png = ImportHarness.Image(SKEncodedImageFormat.Png, 30, 30, seed: 2);
        harness.WriteFile("shop/images/1.jpg", ImportHarness.Image(SKEncodedImageFormat.Jpeg, 32, 48, seed: 1));
        harness.WriteFile("shop/images/2.png", png[..(png.Length - 40)]);
        harness.WriteFile("shop/images/3.png", ImportHarness.Image(SKEncodedImageFormat.Png, 200, 100, seed: 3));
        harness.WriteFile("shop/images/4.webp", ImportHarness.Image(SKEncodedImageFormat.Webp, 20, 20, seed: 4));
        harness.WriteFile("shop/images/5.bmp", new byte[20_001]);
        harness.WriteFile("shop/images/6.png", png);
        CatalogCsv.Write(Path.Combine(harness.Root, "shop", "products.csv"), rows);
        var options = new FolderImportOptions
        {
            SourceDirectory = Path.Combine(harness.Root, "shop"),
            CsvPath = Path.Combine(harness.Root, "shop", "products.csv"),
            ImagesDirectory = harness.ImagesDirectory,
        };

        var report = await harness.Folder.ImportAsync(options, null, CancellationToken.None);

        Assert.Equal((5, 2, 3, 1), (report.Total, report.Added, report.Skipped, report.HeldOut));
        Assert.Equal(3, report.SkipReasons.Count);
        Assert.StartsWith("images/2.png (id 2): The image could not be decoded", report.SkipReasons[0], StringComparison.Ordinal);
        Assert.Equal("images/3.png (id 3): The image is 200×100 = 20,000 pixels; at most 10,000 pixels are accepted.", report.SkipReasons[1]);
        Assert.Equal("images/5.bmp (id 5): the file is 20,001 bytes; at most 20,000 bytes are accepted", report.SkipReasons[2]);

        await using var db = harness.CreateContext();
        var products = await db.Products.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(
            [("Good JPEG", "folder/1.jpg", 19.99m, "catalog"), ("Good WebP", "folder/4.webp", (decimal?)null, "train")],
            products.Select(p => (p.Title, p.ImageFile, p.Price, p.Split!)));
        Assert.Equal(["folder/1.jpg", "folder/4.webp"], ImportHarness.FilesUnder(harness.ImagesDirectory));
    }

    [Fact]
    public async Task Imports_the_shipped_demo_catalog_as_the_first_start_does()
    {
        await using var harness = await ImportHarness.CreateAsync();
        var demo = Testing.TestCatalog.DemoCatalogCsv;
        var options = new FolderImportOptions
        {
            SourceDirectory = Path.GetDirectoryName(demo)!,
            ImagesDirectory = harness.ImagesDirectory,
            BatchSize = int.MaxValue,
        };

        var report = await harness.Folder.ImportAsync(options, null, CancellationToken.None);

        Assert.Equal((2000, 2000, 0, 200, 10), (report.Total, report.Added, report.Skipped, report.HeldOut, report.Categories));
        await using var db = harness.CreateContext();
        // On an empty database the products get the CSV's ids, as they did when the CSV id was the product id.
        var rows = CatalogCsv.Read(demo).Where(r => r.Split == CatalogSplit.Catalog).ToList();
        var products = await db.Products.OrderBy(p => p.Id).Select(p => new { p.Id, p.Title, p.SourceKey }).ToListAsync();
        Assert.Equal(rows.Select(r => (r.Id, r.Title, $"folder:{r.Id}")), products.Select(p => (p.Id, p.Title, p.SourceKey!)));
    }
}
