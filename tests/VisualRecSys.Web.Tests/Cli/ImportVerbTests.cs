using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using VisualRecSys.Data;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Infrastructure;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>The <c>import</c> subcommands in-process, as a user runs them, with <c>--data-dir</c> after their own options.</summary>
public sealed class ImportVerbTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-import-verb-" + Guid.NewGuid().ToString("N"));

    private string DataDirectory => Path.Combine(_directory, "data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Import_folder_imports_the_good_images_skips_the_bad_one_and_a_second_run_adds_nothing()
    {
        var shop = Path.Combine(_directory, "shop");
        Directory.CreateDirectory(Path.Combine(shop, "img"));
        await File.WriteAllBytesAsync(Path.Combine(shop, "img", "a.png"), ImportHarness.Image(SKEncodedImageFormat.Png, 10, 10, seed: 1));
        await File.WriteAllBytesAsync(Path.Combine(shop, "img", "b.png"), "corrupt"u8.ToArray());
        await File.WriteAllBytesAsync(Path.Combine(shop, "img", "c.jpg"), ImportHarness.Image(SKEncodedImageFormat.Jpeg, 10, 10, seed: 2));
        var csv = Path.Combine(_directory, "export.csv");
        CatalogCsv.Write(csv, [new(7, "A", "Bag", "catalog", "img/a.png", 5m), new(8, "B", "Bag", "catalog", "img/b.png"), new(9, "C", "Coat", "catalog", "img/c.jpg")]);
        string[] args = ["import", "folder", shop, "--csv", csv, "--data-dir", DataDirectory];

        Assert.Equal(0, await CommandLineVerbs.RunAsync(args));
        Assert.Equal(0, await CommandLineVerbs.RunAsync(args));

        await using var db = CreateContext();
        Assert.Equal(["folder:7", "folder:9"], await db.Products.OrderBy(p => p.Id).Select(p => p.SourceKey!).ToListAsync());
        Assert.True(File.Exists(Path.Combine(DataDirectory, "images", "folder", "9.jpg")));
    }

    [Fact]
    public async Task Import_fashion_mnist_with_a_limit_imports_that_many_of_each_split()
    {
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["import", "fashion-mnist", "--limit", "3", "--data-dir", DataDirectory]));

        await using var db = CreateContext();
        Assert.Equal(
            ["fashion-mnist:test:00001", "fashion-mnist:test:00002", "fashion-mnist:test:00003", "fashion-mnist:train:00001", "fashion-mnist:train:00002", "fashion-mnist:train:00003"],
            (await db.Products.Select(p => p.SourceKey!).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_deepfashion_inshop_prints_the_summary_with_the_skipped_and_a_second_run_adds_nothing()
    {
        string[] args = ["import", "deepfashion-inshop", InShopFixture.Directory, "--data-dir", DataDirectory];
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, await CommandLineVerbs.RunAsync(args, output, error));
        var again = new StringWriter();
        Assert.Equal(0, await CommandLineVerbs.RunAsync(args, again, error));

        Assert.Equal("", error.ToString());
        var data = Path.GetFullPath(DataDirectory);
        Assert.Contains(
            $"Imported DeepFashion In-shop into {data}: {InShopFixture.Imported} added, 0 already present, {InShopFixture.Skipped} skipped of {InShopFixture.Lines} in {InShopFixture.Categories} categories",
            output.ToString(),
            StringComparison.Ordinal);
        Assert.Contains($"  {InShopFixture.CorruptImage}: The image could not be decoded", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"  {InShopFixture.BadLineImage}: item id 'id_00000005'", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"0 added, {InShopFixture.Imported} already present, {InShopFixture.Skipped} skipped", again.ToString(), StringComparison.Ordinal);
        await using var db = CreateContext();
        Assert.Equal(InShopFixture.Imported, await db.Products.CountAsync(p => p.SourceKey!.StartsWith("deepfashion-inshop:img/") && p.ItemKey != null));
    }

    [Fact]
    public async Task Import_deepfashion_inshop_refuses_a_malformed_partition_file_in_one_line_and_imports_nothing()
    {
        var source = Path.Combine(_directory, "inshop");
        InShopFixture.CopyImagesTo(source);
        // The Category and Attribute Prediction set's partition file, at the root where some In-shop copies keep theirs.
        var partition = Path.Combine(source, "list_eval_partition.txt");
        await File.WriteAllTextAsync(partition, "1\r\nimage_name  evaluation_status\r\nimg/Anorak/img_00000001.jpg  train\r\n");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLineVerbs.RunAsync(["import", "deepfashion-inshop", source, "--data-dir", DataDirectory], output, error);

        Assert.Equal(1, exit);
        Assert.Equal(
            $"Import failed: {partition}, line 2: expected the header 'image_name  item_id  evaluation_status', found 'image_name  evaluation_status'",
            error.ToString().TrimEnd());
        Assert.DoesNotContain("Imported", output.ToString(), StringComparison.Ordinal);
        await using var db = CreateContext();
        Assert.Equal(0, await db.Products.CountAsync());
    }

    [Theory]
    [InlineData("deepfashion")]
    [InlineData("deepfashion-inshop")]
    [InlineData("folder")]
    public async Task Import_from_a_missing_folder_fails_with_exit_code_1(string verb)
    {
        Assert.Equal(1, await CommandLineVerbs.RunAsync(["import", verb, Path.Combine(_directory, "missing"), "--data-dir", DataDirectory]));
    }

    [Fact]
    public async Task Import_without_a_subcommand_is_an_error()
    {
        Assert.NotEqual(0, await CommandLineVerbs.RunAsync(["import", "--data-dir", DataDirectory]));
    }

    private SqliteVisualRecSysDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<SqliteVisualRecSysDbContext>().UseSqlite($"Data Source={Path.Combine(DataDirectory, "visualrecsys.db")}");
        return new SqliteVisualRecSysDbContext(options.Options);
    }
}
