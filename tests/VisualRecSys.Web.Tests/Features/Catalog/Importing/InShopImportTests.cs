using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Data.Importing.DeepFashion;

namespace VisualRecSys.Web.Tests.Features.Catalog.Importing;

/// <summary>The DeepFashion In-shop importer with the engine's image checks, on the committed fixture's real JPEGs.</summary>
public sealed class InShopImportTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Imports_the_fixture_with_item_ids_and_splits_and_skips_the_corrupt_image_and_the_bad_line()
    {
        var options = new InShopImportOptions { SourceDirectory = InShopFixture.Directory, ImagesDirectory = _harness.ImagesDirectory };

        var report = await _harness.InShop.ImportAsync(options, null, CancellationToken.None);

        Assert.Equal(
            (InShopFixture.Lines, InShopFixture.Imported, 0, InShopFixture.Skipped, InShopFixture.Categories),
            (report.Total, report.Added, report.AlreadyPresent, report.Skipped, report.Categories));
        Assert.Equal(
            [
                $"{InShopFixture.CorruptImage}: The image could not be decoded (the file is truncated).",
                $"{InShopFixture.BadLineImage}: item id 'id_00000005' is not its folder's 'id_00000004' (Eval/list_eval_partition.txt line 14)",
            ],
            report.SkipReasons);

        await using (var db = _harness.CreateContext())
        {
            var products = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).ToListAsync();
            Assert.Equal(
                [
                    (ProductSplit.Gallery, "id_00000002"), (ProductSplit.Gallery, "id_00000002"),
                    (ProductSplit.Gallery, "id_00000003"), (ProductSplit.Gallery, "id_00000003"),
                    (ProductSplit.Gallery, "id_00000004"),
                    (ProductSplit.Query, "id_00000002"), (ProductSplit.Query, "id_00000003"), (ProductSplit.Query, "id_00000004"),
                    (ProductSplit.Train, "id_00000001"), (ProductSplit.Train, "id_00000001"),
                ],
                products.Select(p => (p.Split!, p.ItemKey!)).Order());
            Assert.Equal(["Blouses & Shirts", "Denim", "Dresses"], await db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync());
            var query = products.Single(p => p.SourceKey == $"{InShopImporter.SourceKeyPrefix}img/WOMEN/Blouses_Shirts/id_00000003/01_1_front.jpg");
            Assert.Equal(("Women's Blouses & Shirts, item 00000003", "Blouses & Shirts"), (query.Title, query.Category!.Name));
            // Every image is the source's bytes, under the source's path below deepfashion-inshop/.
            Assert.All(products, p => Assert.Equal(
                File.ReadAllBytes(Path.Combine(InShopFixture.Directory, p.SourceKey![InShopImporter.SourceKeyPrefix.Length..])),
                File.ReadAllBytes(Path.Combine(_harness.ImagesDirectory, p.ImageFile))));
            Assert.All(products, p => Assert.Equal($"{InShopImporter.ImageFolderName}/{p.SourceKey![InShopImporter.SourceKeyPrefix.Length..]}", p.ImageFile));
        }

        var again = await _harness.InShop.ImportAsync(options, null, CancellationToken.None);
        Assert.Equal((0, InShopFixture.Imported, InShopFixture.Skipped), (again.Added, again.AlreadyPresent, again.Skipped));
    }
}
