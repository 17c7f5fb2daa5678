using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing.DeepFashion;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Importing.DeepFashion;

/// <summary>The In-shop importer's parsing and logic, with a fake inspector (real images: the Web tests' committed fixture).</summary>
public abstract class InShopImporterTests(PostgreSqlServer? server) : OnEitherDatabase(server)
{
    private InShopSource NewSource() => new(Database.Directory.Combine("InShop"));

    [SkippableFact]
    public async Task ImportAsync_keeps_item_ids_splits_and_readable_categories_and_skips_what_it_cannot_import()
    {
        var source = NewSource()
            .Add("img/WOMEN/Blouses_Shirts/id_00000001/02_1_front.jpg", "id_00000001", "train", FakeImageInspector.Good("1"))
            .Add("img/WOMEN/Dresses/id_00000002/02_1_front.jpg", "id_00000002", "query", FakeImageInspector.Good("2"))
            .Add("img/WOMEN/Dresses/id_00000002/02_2_side.jpg", "id_00000002", "gallery", FakeImageInspector.Good("3"))
            .Add("img/MEN/Pants/id_00000003/01_1_front.jpg", "id_00000003", "gallery", FakeImageInspector.Good("4"))
            .Add("img/MEN/Pants/id_00000003/01_2_side.jpg", "id_00000003", "gallery", "corrupt"u8.ToArray())
            .Add("img/MEN/Pants/id_00000003/01_3_back.jpg", "id_00000003", "gallery", null)
            .Add("img/MEN/Pants/id_00000003/01_4_full.jpg", "id_00000003", "val", FakeImageInspector.Good("5"))
            .Add("img/MEN/Pants/id_00000003/01_7_additional.jpg", "id_00000004", "query", FakeImageInspector.Good("6"))
            .Add("img/MEN/id_00000005/01_1_front.jpg", "id_00000005", "train", FakeImageInspector.Good("7"))
            .WritePartition();
        var progress = new RecordingProgress();

        var report = await CreateImporter().ImportAsync(Options(source), progress, CancellationToken.None);

        Assert.Equal((9, 4, 0, 5, 3), (report.Total, report.Added, report.AlreadyPresent, report.Skipped, report.Categories));
        Assert.Equal(
            [
                $"img/MEN/Pants/id_00000003/01_2_side.jpg: {FakeImageInspector.NotAnImage}",
                "img/MEN/Pants/id_00000003/01_3_back.jpg: file not found",
                "img/MEN/Pants/id_00000003/01_4_full.jpg: evaluation status 'val' is not train, query or gallery (Eval/list_eval_partition.txt line 9)",
                "img/MEN/Pants/id_00000003/01_7_additional.jpg: item id 'id_00000004' is not its folder's 'id_00000003' (Eval/list_eval_partition.txt line 10)",
                "img/MEN/id_00000005/01_1_front.jpg: not in the layout img/<gender>/<category>/<item id>/<file> (Eval/list_eval_partition.txt line 11)",
            ],
            report.SkipReasons);
        Assert.Equal(new(9, 9), progress.Values[^1]);

        await using var db = Database.CreateContext();
        var products = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(
            [
                ("Women's Blouses & Shirts, item 00000001", "Blouses & Shirts", "train", "id_00000001", "deepfashion-inshop:img/WOMEN/Blouses_Shirts/id_00000001/02_1_front.jpg"),
                ("Women's Dresses, item 00000002", "Dresses", "query", "id_00000002", "deepfashion-inshop:img/WOMEN/Dresses/id_00000002/02_1_front.jpg"),
                ("Women's Dresses, item 00000002", "Dresses", "gallery", "id_00000002", "deepfashion-inshop:img/WOMEN/Dresses/id_00000002/02_2_side.jpg"),
                ("Men's Pants, item 00000003", "Pants", "gallery", "id_00000003", "deepfashion-inshop:img/MEN/Pants/id_00000003/01_1_front.jpg"),
            ],
            products.Select(p => (p.Title, p.Category!.Name, p.Split!, p.ItemKey!, p.SourceKey!)));
        // The fake inspector calls everything a PNG, so the copies are named for what they really are.
        Assert.Equal("deepfashion-inshop/img/WOMEN/Dresses/id_00000002/02_2_side.png", products[2].ImageFile);
        Assert.Equal(FakeImageInspector.Good("3"), await File.ReadAllBytesAsync(Path.Combine(ImagesDirectory, products[2].ImageFile)));
    }

    [SkippableFact]
    public async Task ImportAsync_a_second_time_adds_nothing_and_changes_nothing()
    {
        var source = NewSource()
            .Add("img/WOMEN/Dresses/id_00000002/02_1_front.jpg", "id_00000002", "query", FakeImageInspector.Good("1"))
            .Add("img/WOMEN/Dresses/id_00000002/02_2_side.jpg", "id_00000002", "gallery", FakeImageInspector.Good("2"))
            .Add("img/WOMEN/Dresses/id_00000002/02_3_back.jpg", "id_00000002", "gallery", "corrupt"u8.ToArray())
            .WritePartition();
        await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);
        var before = await ProductsAsync();

        var again = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);

        Assert.Equal((0, 2, 1), (again.Added, again.AlreadyPresent, again.Skipped));
        Assert.Equal(before, await ProductsAsync());
    }

    [SkippableFact]
    public async Task ImportAsync_reads_the_partition_file_at_the_root_when_there_is_no_Eval_folder()
    {
        var source = NewSource()
            .Add("img/MEN/Tees_Tanks/id_00000009/01_1_front.jpg", "id_00000009", "gallery", FakeImageInspector.Good("1"))
            .WritePartition("list_eval_partition.txt");

        var report = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);

        Assert.Equal((1, 1, 0), (report.Total, report.Added, report.Skipped));
        await using var db = Database.CreateContext();
        var product = await db.Products.Include(p => p.Category).SingleAsync();
        Assert.Equal(("Tees & Tanks", "gallery", "id_00000009"), (product.Category!.Name, product.Split, product.ItemKey));
    }

    [SkippableTheory]
    [InlineData("2\r\nimage_name item_id evaluation_status\r\nimg/W/D/id_1/a.jpg id_1 train\r\n", "line 1: declares 2 entries but holds 1")]
    [InlineData("x\r\nimage_name item_id evaluation_status\r\n", "line 1: expected the number of entries, found 'x'")]
    // The Category and Attribute Prediction set's partition file, given to the wrong importer.
    [InlineData("1\r\nimage_name  evaluation_status\r\nimg/Anorak/img_00000001.jpg train\r\n", "line 2: expected the header 'image_name  item_id  evaluation_status'")]
    [InlineData("1\r\nimage_name item_id evaluation_status\r\nimg/W/D/id_1/a.jpg train\r\n", "line 3: expected 3 fields (image_name, item_id, evaluation_status), found 2")]
    [InlineData("1\r\nimage_name item_id evaluation_status\r\nimg/../../W/id_1/a.jpg id_1 train\r\n", "line 3: file 'img/../../W/id_1/a.jpg' contains '..'")]
    [InlineData("2\r\nimage_name item_id evaluation_status\r\nimg/W/D/id_1/a.jpg id_1 query\r\nimg/W/D/id_1/a.jpg id_1 gallery\r\n", "line 4: image 'img/W/D/id_1/a.jpg' is listed twice")]
    public async Task ImportAsync_refuses_a_malformed_partition_file_naming_it_and_the_line_and_imports_nothing(string content, string expected)
    {
        var source = NewSource().Add("img/W/D/id_1/a.jpg", "id_1", "train", FakeImageInspector.Good("1"));
        source.WriteText("Eval/list_eval_partition.txt", content);

        var error = await Assert.ThrowsAsync<CatalogFormatException>(() => CreateImporter().ImportAsync(Options(source.Root), null, CancellationToken.None));

        Assert.Contains(Path.Combine(source.Root, "Eval/list_eval_partition.txt"), error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Products.CountAsync());
        Assert.False(Directory.Exists(ImagesDirectory), "no image is copied before the file is known to be good");
    }

    [SkippableFact]
    public async Task ImportAsync_without_a_partition_file_names_both_places_it_looked()
    {
        var root = Database.Directory.Combine("nothing-here");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => CreateImporter().ImportAsync(Options(root), null, CancellationToken.None));

        Assert.Contains(Path.Combine(root, "Eval/list_eval_partition.txt"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(root, "list_eval_partition.txt"), error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("img/WOMEN/Graphic_Tees/id_00000010/01_1_front.jpg", "Graphic Tees", "Women's Graphic Tees, item 00000010")]
    [InlineData("img/MEN/Sweatshirts_Hoodies/id_00000011/01_1_front.jpg", "Sweatshirts & Hoodies", "Men's Sweatshirts & Hoodies, item 00000011")]
    [InlineData("img/KIDS/Snow__Suits_/item7/01_1_front.jpg", "Snow Suits", "KIDS Snow Suits, item item7")]
    public void Categories_and_titles_come_from_the_folders(string image, string category, string title)
    {
        var (path, problem) = InShopImagePath.Parse(image);

        Assert.Null(problem);
        Assert.Equal((category, title), (path!.Value.Category, path.Value.Title));
    }

    private async Task<List<(int, string, string, string?, string?, string)>> ProductsAsync()
    {
        await using var db = Database.CreateContext();
        return (await db.Products.OrderBy(p => p.Id).ToListAsync())
            .Select(p => (p.Id, p.Title, p.ImageFile, p.Split, p.ItemKey, p.SourceKey!)).ToList();
    }

    private InShopImporter CreateImporter() => new(Database.ContextFactory, Database.Inspector);

    private InShopImportOptions Options(string root) => new() { SourceDirectory = root, ImagesDirectory = ImagesDirectory };
}

public sealed class SqliteInShopImporterTests() : InShopImporterTests(server: null);

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlInShopImporterTests(PostgreSqlServer server) : InShopImporterTests(server);
