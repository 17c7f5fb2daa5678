using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing.DeepFashion;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Importing.DeepFashion;

/// <summary>The DeepFashion importer's parsing and logic, with a fake inspector (the real one is tested in the Web tests).</summary>
public abstract class DeepFashionImporterTests(PostgreSqlServer? server) : OnEitherDatabase(server)
{
    private DeepFashionSource NewSource() => new(Database.Directory.Combine("DeepFashion"));

    [SkippableFact]
    public async Task ImportAsync_maps_labels_statuses_and_folder_names_and_skips_what_it_cannot_import()
    {
        var source = NewSource()
            .Add("img/Sheer_Pleated-Front_Blouse/img_00000001.jpg", 2, "train", FakeImageInspector.Good("1"))
            .Add("img/Sheer_Pleated-Front_Blouse/img_00000002.jpg", 2, "val", FakeImageInspector.Good("2"))
            .Add("img/Classic_Skinny_Jeans/img_00000001.jpg", 3, "test", FakeImageInspector.Good("3"))
            .Add("img/Classic_Skinny_Jeans/img_00000002.jpg", 3, "train", "corrupt"u8.ToArray())
            .Add("img/Classic_Skinny_Jeans/img_00000003.jpg", 3, "train", null)
            .Add("img/Hooded_Anorak/img_00000001.jpg", 1, null, FakeImageInspector.Good("4"))
            .Add("img/Hooded_Anorak/img_00000002.jpg", 1, "holdout", FakeImageInspector.Good("5"))
            .WriteAnnotations();
        var progress = new RecordingProgress();

        var report = await CreateImporter().ImportAsync(Options(source), progress, CancellationToken.None);

        Assert.Equal((7, 3, 0, 4, 3), (report.Total, report.Added, report.AlreadyPresent, report.Skipped, report.Categories));
        Assert.Equal(
            [
                $"img/Classic_Skinny_Jeans/img_00000002.jpg: {FakeImageInspector.NotAnImage}",
                "img/Classic_Skinny_Jeans/img_00000003.jpg: file not found",
                "img/Hooded_Anorak/img_00000001.jpg: no evaluation status in Eval/list_eval_partition.txt",
                "img/Hooded_Anorak/img_00000002.jpg: evaluation status 'holdout' is not train, val or test",
            ],
            report.SkipReasons);
        Assert.Equal(new(7, 7), progress.Values[^1]);

        await using var db = Database.CreateContext();
        var products = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(
            [
                ("Sheer Pleated-Front Blouse", "Blouse", "train", "deepfashion:img/Sheer_Pleated-Front_Blouse/img_00000001.jpg"),
                ("Sheer Pleated-Front Blouse", "Blouse", "val", "deepfashion:img/Sheer_Pleated-Front_Blouse/img_00000002.jpg"),
                ("Classic Skinny Jeans", "Jeans", "test", "deepfashion:img/Classic_Skinny_Jeans/img_00000001.jpg"),
            ],
            products.Select(p => (p.Title, p.Category!.Name, p.Split!, p.SourceKey!)));
        // The fake inspector calls everything a PNG, so the copies are named for what they really are.
        Assert.Equal("deepfashion/img/Classic_Skinny_Jeans/img_00000001.png", products[2].ImageFile);
        Assert.Equal(FakeImageInspector.Good("3"), await File.ReadAllBytesAsync(Path.Combine(ImagesDirectory, products[2].ImageFile)));
    }

    [SkippableFact]
    public async Task ImportAsync_a_second_time_adds_nothing()
    {
        var source = NewSource()
            .Add("img/A_Coat/img_00000001.jpg", 1, "train", FakeImageInspector.Good("1"))
            .Add("img/A_Coat/img_00000002.jpg", 1, "test", FakeImageInspector.Good("2"))
            .WriteAnnotations();
        await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);

        var again = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);

        Assert.Equal((0, 2, 0), (again.Added, again.AlreadyPresent, again.Skipped));
        await using var db = Database.CreateContext();
        Assert.Equal(2, await db.Products.CountAsync());
    }

    [SkippableTheory]
    [InlineData("Anno/list_category_img.txt", "2\r\nimage_name  category_label\r\nimg/a/1.jpg 1\r\n", "declares 2 entries but holds 1")]
    [InlineData("Anno/list_category_img.txt", "1\r\nimage_name  category_label\r\nimg/a/1.jpg 5\r\n", "line 3: category label '5' is not a number from 1 to 4")]
    [InlineData("Anno/list_category_img.txt", "1\r\nimage_name  category_label\r\nimg/a/1.jpg x\r\n", "line 3: category label 'x'")]
    [InlineData("Anno/list_category_img.txt", "1\r\nimage_name  category_label\r\nimg/../../1.jpg 1\r\n", "line 3: file 'img/../../1.jpg' contains '..'")]
    [InlineData("Anno/list_category_img.txt", "2\r\nimage_name  category_label\r\nimg/a/1.jpg 1\r\nimg/a/1.jpg 2\r\n", "line 4: image 'img/a/1.jpg' is listed twice")]
    [InlineData("Anno/list_category_img.txt", "1\r\nimage_name  evaluation_status\r\nimg/a/1.jpg 1\r\n", "line 2: expected the header 'image_name  category_label'")]
    [InlineData("Anno/list_category_img.txt", "one\r\nimage_name  category_label\r\n", "line 1: expected the number of entries")]
    [InlineData("Anno/list_category_img.txt", "1\r\nimage_name  category_label\r\nimg/a/1.jpg\r\n", "line 3: expected 2 fields")]
    [InlineData("Anno/list_category_cloth.txt", "2\r\ncategory_name  category_type\r\nAnorak 1\r\nAnorak 1\r\n", "category 'Anorak' is listed twice")]
    public async Task ImportAsync_refuses_a_malformed_annotation_file_naming_it_and_the_line(string file, string content, string expected)
    {
        var source = NewSource().Add("img/a/1.jpg", 1, "train", FakeImageInspector.Good("1"));
        var root = source.WriteAnnotations();
        await File.WriteAllTextAsync(Path.Combine(root, file), content);

        var error = await Assert.ThrowsAsync<CatalogFormatException>(() => CreateImporter().ImportAsync(Options(root), null, CancellationToken.None));

        Assert.Contains(Path.Combine(root, file), error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Products.CountAsync());
    }

    [SkippableFact]
    public async Task ImportAsync_without_the_annotation_files_throws_FileNotFoundException()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(
            () => CreateImporter().ImportAsync(Options(Database.Directory.Combine("nothing-here")), null, CancellationToken.None));
    }

    [SkippableTheory]
    [InlineData("img/Sheer_Pleated-Front_Blouse/img_00000001.jpg", "Sheer Pleated-Front Blouse")]
    [InlineData("img/Classic__Skinny_Jeans_/img_00000001.jpg", "Classic Skinny Jeans")]
    [InlineData("img_00000001.jpg", "Jeans")]
    public void Titles_come_from_the_image_folder_or_else_the_category(string image, string title)
    {
        Assert.Equal(title, DeepFashionImporter.TitleOf(image, "Jeans"));
    }

    private DeepFashionImporter CreateImporter() => new(Database.ContextFactory, Database.Inspector);

    private DeepFashionImportOptions Options(string root) => new() { SourceDirectory = root, ImagesDirectory = ImagesDirectory };
}

public sealed class SqliteDeepFashionImporterTests() : DeepFashionImporterTests(server: null);

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlDeepFashionImporterTests(PostgreSqlServer server) : DeepFashionImporterTests(server);
