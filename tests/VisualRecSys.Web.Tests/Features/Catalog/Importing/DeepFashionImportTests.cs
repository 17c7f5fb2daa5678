using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using VisualRecSys.Data.Importing.DeepFashion;

namespace VisualRecSys.Web.Tests.Features.Catalog.Importing;

/// <summary>The DeepFashion importer with the engine's image checks, on a small data set in DeepFashion's layout.</summary>
public sealed class DeepFashionImportTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Imports_categories_splits_and_titles_and_skips_and_reports_the_corrupt_image()
    {
        var jpeg = ImportHarness.Image(SKEncodedImageFormat.Jpeg, 40, 60, seed: 1);
        (string Image, int Label, string Status, byte[] Bytes)[] images =
        [
            ("img/Sheer_Pleated-Front_Blouse/img_00000001.jpg", 2, "train", jpeg),
            ("img/Sheer_Pleated-Front_Blouse/img_00000002.jpg", 2, "val", ImportHarness.Image(SKEncodedImageFormat.Jpeg, 30, 30, seed: 2)),
            ("img/Classic_Skinny_Jeans/img_00000001.jpg", 3, "test", ImportHarness.Image(SKEncodedImageFormat.Png, 20, 50, seed: 3)),
            // Cut off halfway through the compressed data: the header parses, the pixels do not.
            ("img/Classic_Skinny_Jeans/img_00000002.jpg", 3, "train", jpeg[..(jpeg.Length / 2)]),
            ("img/Hooded_Anorak/img_00000001.jpg", 1, "train", "<html>not an image</html>"u8.ToArray()),
        ];
        foreach (var image in images)
        {
            _harness.WriteFile(Path.Combine("DeepFashion", image.Image), image.Bytes);
        }

        WriteList("Anno/list_category_cloth.txt", "category_name  category_type", ["Anorak                       1", "Blouse                       1", "Jeans                        2"]);
        WriteList("Anno/list_category_img.txt", "image_name  category_label", images.Select(i => $"{i.Image,-71}{i.Label}"));
        WriteList("Eval/list_eval_partition.txt", "image_name  evaluation_status", images.Select(i => $"{i.Image,-71}{i.Status}"));
        var options = new DeepFashionImportOptions { SourceDirectory = Path.Combine(_harness.Root, "DeepFashion"), ImagesDirectory = _harness.ImagesDirectory };

        var report = await _harness.DeepFashion.ImportAsync(options, null, CancellationToken.None);

        Assert.Equal((5, 3, 0, 2, 3), (report.Total, report.Added, report.AlreadyPresent, report.Skipped, report.Categories));
        Assert.Equal(
            [
                "img/Classic_Skinny_Jeans/img_00000002.jpg: The image could not be decoded (the file is truncated).",
                "img/Hooded_Anorak/img_00000001.jpg: The data is not an image in a supported format (PNG, JPEG, WebP, GIF, BMP, ICO or WBMP).",
            ],
            report.SkipReasons);

        await using (var db = _harness.CreateContext())
        {
            var products = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).ToListAsync();
            Assert.Equal(
                [
                    ("Sheer Pleated-Front Blouse", "Blouse", "train", "deepfashion/img/Sheer_Pleated-Front_Blouse/img_00000001.jpg"),
                    ("Sheer Pleated-Front Blouse", "Blouse", "val", "deepfashion/img/Sheer_Pleated-Front_Blouse/img_00000002.jpg"),
                    // A PNG under a .jpg name is stored under its real format's extension.
                    ("Classic Skinny Jeans", "Jeans", "test", "deepfashion/img/Classic_Skinny_Jeans/img_00000001.png"),
                ],
                products.Select(p => (p.Title, p.Category!.Name, p.Split!, p.ImageFile)));
            Assert.Equal(["Blouse", "Jeans"], await db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync());
            Assert.Equal(jpeg, await File.ReadAllBytesAsync(Path.Combine(_harness.ImagesDirectory, products[0].ImageFile)));
        }

        Assert.Equal(3, ImportHarness.FilesUnder(_harness.ImagesDirectory).Count());

        var again = await _harness.DeepFashion.ImportAsync(options, null, CancellationToken.None);
        Assert.Equal((0, 3, 2), (again.Added, again.AlreadyPresent, again.Skipped));
    }

    private void WriteList(string file, string header, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        _harness.WriteFile(
            Path.Combine("DeepFashion", file),
            System.Text.Encoding.ASCII.GetBytes(string.Join("\r\n", [list.Count.ToString(CultureInfo.InvariantCulture), header, .. list]) + "\r\n"));
    }
}
