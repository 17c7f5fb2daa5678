using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing;
using VisualRecSys.Data.Importing.Folder;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Importing.Folder;

/// <summary>The folder importer's logic, with a fake inspector (the real one is tested in the Web tests).</summary>
public abstract class FolderImporterTests(PostgreSqlServer? server) : OnEitherDatabase(server)
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static readonly CatalogRow[] s_rows =
    [
        new(3, "Red dress", "Dress", CatalogSplit.Catalog, "catalog/00003.png", 49.9m),
        new(1, "Blue bag", "Bag", "train", "catalog/bags/00001.png"),
        new(5, "Query dress", "Dress", CatalogSplit.Query, "query/00005.png"),
        new(2, "Green bag", "Bag", CatalogSplit.Catalog, "catalog/bags/00002.png", 0.05m),
        new(4, "Query sandal", "Sandal", CatalogSplit.Query, "query/00004.png"),
    ];

    [SkippableFact]
    public async Task ImportAsync_imports_all_but_query_rows_in_csv_order_and_copies_their_images()
    {
        var source = WriteSource("source", s_rows);
        var progress = new RecordingProgress();

        var report = await CreateImporter().ImportAsync(Options(source), progress, CancellationToken.None);

        Assert.Equal((3, 3, 0, 0, 2, 2), (report.Total, report.Added, report.AlreadyPresent, report.Skipped, report.HeldOut, report.Categories));
        Assert.Equal(new ImportProgress(3, 3), progress.Values[^1]);
        Assert.Equal(new ImportProgress(0, 3), progress.Values[0]);

        await using var db = Database.CreateContext();
        var products = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).ToListAsync();
        // Database ids follow the CSV's order; the CSV id is the source key.
        Assert.Equal(["folder:3", "folder:1", "folder:2"], products.Select(p => p.SourceKey));
        Assert.Equal(["Red dress", "Blue bag", "Green bag"], products.Select(p => p.Title));
        Assert.Equal(["Dress", "Bag", "Bag"], products.Select(p => p.Category!.Name));
        Assert.Equal([CatalogSplit.Catalog, "train", CatalogSplit.Catalog], products.Select(p => p.Split));
        Assert.Equal([49.9m, null, 0.05m], products.Select(p => p.Price));
        Assert.Equal(["folder/3.png", "folder/1.png", "folder/2.png"], products.Select(p => p.ImageFile));
        Assert.All(products, p => Assert.Equal(s_now, p.CreatedAt));

        foreach (var row in s_rows.Where(r => r.Split != CatalogSplit.Query))
        {
            Assert.Equal(ImageBytes(row.Id), await File.ReadAllBytesAsync(Path.Combine(ImagesDirectory, "folder", $"{row.Id}.png")));
        }

        Assert.Equal(["folder/1.png", "folder/2.png", "folder/3.png"], FilesUnder(ImagesDirectory));
    }

    [SkippableFact]
    public async Task ImportAsync_a_second_time_adds_nothing_and_rewrites_no_image()
    {
        var source = WriteSource("source", s_rows);
        var importer = CreateImporter();
        await importer.ImportAsync(Options(source), null, CancellationToken.None);
        var image = Path.Combine(ImagesDirectory, "folder", "3.png");
        File.SetLastWriteTimeUtc(image, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var second = await importer.ImportAsync(Options(source), null, CancellationToken.None);

        Assert.Equal((3, 0, 3, 0), (second.Total, second.Added, second.AlreadyPresent, second.Skipped));
        Assert.Equal(2001, File.GetLastWriteTimeUtc(image).Year);
        await using var db = Database.CreateContext();
        Assert.Equal(3, await db.Products.CountAsync());
        Assert.Equal(2, await db.Categories.CountAsync());
    }

    [SkippableFact]
    public async Task ImportAsync_adds_only_new_ids_and_reuses_existing_categories()
    {
        await CreateImporter().ImportAsync(Options(WriteSource("first", s_rows)), null, CancellationToken.None);
        CatalogRow[] more =
        [
            new(1, "Renamed bag", "Bag", CatalogSplit.Catalog, "catalog/bags/00001.png"),
            new(10, "Second bag batch", "Bag", CatalogSplit.Catalog, "catalog/00010.png"),
            new(11, "Trousers", "Trouser", CatalogSplit.Catalog, "catalog/00011.png"),
        ];

        var report = await CreateImporter().ImportAsync(Options(WriteSource("second", more)), null, CancellationToken.None);

        Assert.Equal((2, 1, 2), (report.Added, report.AlreadyPresent, report.Categories));
        await using var db = Database.CreateContext();
        Assert.Equal("Blue bag", (await db.Products.SingleAsync(p => p.SourceKey == "folder:1")).Title);
        Assert.Equal(["Bag", "Dress", "Trouser"], await db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync());
        Assert.Equal(3, await db.Products.CountAsync(p => p.Category!.Name == "Bag"));
    }

    [SkippableFact]
    public async Task ImportAsync_skips_and_reports_missing_bad_and_oversized_images_and_imports_the_rest()
    {
        CatalogRow[] rows =
        [
            new(1, "Good", "Bag", CatalogSplit.Catalog, "a/1.png"),
            new(2, "Missing", "Bag", CatalogSplit.Catalog, "a/2.png"),
            new(3, "Not an image", "Bag", CatalogSplit.Catalog, "a/3.png"),
            new(4, "Too large", "Coat", CatalogSplit.Catalog, "a/4.png"),
            new(5, "Also good", "Bag", CatalogSplit.Catalog, "a/5.png"),
        ];
        var source = WriteSource("source", rows);
        File.Delete(Path.Combine(source, "a", "2.png"));
        await File.WriteAllTextAsync(Path.Combine(source, "a", "3.png"), "<html>not a picture</html>");
        await File.WriteAllBytesAsync(Path.Combine(source, "a", "4.png"), FakeImageInspector.Good(new string('x', Database.Inspector.MaxBytes)));

        // Batches of two: a bad file in a batch must not hold back its good neighbours.
        var report = await CreateImporter().ImportAsync(Options(source) with { BatchSize = 2 }, null, CancellationToken.None);

        Assert.Equal((5, 2, 0, 3), (report.Total, report.Added, report.AlreadyPresent, report.Skipped));
        Assert.Equal(3, report.SkipReasons.Count);
        Assert.Equal("a/2.png (id 2): file not found", report.SkipReasons[0]);
        Assert.Equal($"a/3.png (id 3): {FakeImageInspector.NotAnImage}", report.SkipReasons[1]);
        Assert.StartsWith("a/4.png (id 4): the file is 1,048,580 bytes; at most 1,048,576", report.SkipReasons[2], StringComparison.Ordinal);
        await using var db = Database.CreateContext();
        Assert.Equal(["Good", "Also good"], await db.Products.OrderBy(p => p.Id).Select(p => p.Title).ToListAsync());
        // The category of the skipped coat was never needed, so it was not created.
        Assert.Equal(["Bag"], await db.Categories.Select(c => c.Name).ToListAsync());
        Assert.Equal(["folder/1.png", "folder/5.png"], FilesUnder(ImagesDirectory));
    }

    [SkippableFact]
    public async Task ImportAsync_keeps_at_most_ten_skip_reasons_but_counts_every_skip()
    {
        var rows = Enumerable.Range(1, 15).Select(id => new CatalogRow(id, $"P{id}", "Bag", CatalogSplit.Catalog, $"a/{id}.png")).ToList();
        var source = WriteSource("source", rows);
        foreach (var row in rows.Skip(1))
        {
            File.Delete(Path.Combine(source, "a", $"{row.Id}.png"));
        }

        var report = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);

        Assert.Equal((1, 14), (report.Added, report.Skipped));
        Assert.Equal(ImportReport.MaxSkipReasons, report.SkipReasons.Count);
        Assert.Equal("a/2.png (id 2): file not found", report.SkipReasons[0]);
    }

    [SkippableFact]
    public async Task ImportAsync_of_a_catalog_inside_the_images_folder_leaves_its_images_in_place()
    {
        var source = WriteSource("data/images/folder", s_rows);

        var report = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);

        Assert.Equal(3, report.Added);
        Assert.Equal(ImageBytes(1), await File.ReadAllBytesAsync(Path.Combine(source, "catalog", "bags", "00001.png")));
        Assert.Equal(ImageBytes(1), await File.ReadAllBytesAsync(Path.Combine(ImagesDirectory, "folder", "1.png")));
    }

    [SkippableFact]
    public async Task ImportAsync_reads_a_csv_kept_outside_the_image_folder()
    {
        var source = WriteSource("source", s_rows);
        var csv = Database.Directory.Combine("elsewhere.csv");
        File.Move(Path.Combine(source, FolderImporter.DefaultCsvName), csv);

        var report = await CreateImporter().ImportAsync(Options(source) with { CsvPath = csv }, null, CancellationToken.None);

        Assert.Equal(3, report.Added);
    }

    [SkippableFact]
    public async Task ImportAsync_with_an_invalid_csv_throws_CatalogFormatException_and_imports_nothing()
    {
        var folder = Database.Directory.Combine("bad");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "catalog.csv"), "id,title,category,file\n1,A,Bag,a.png\n2,B,Bag,../../outside.png\n");
        Database.Directory.WriteFile("bad/a.png", ImageBytes(1));

        await Assert.ThrowsAsync<CatalogFormatException>(() => CreateImporter().ImportAsync(Options(folder), null, CancellationToken.None));

        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Products.CountAsync());
        Assert.False(Directory.Exists(ImagesDirectory));
    }

    [SkippableFact]
    public async Task ImportAsync_without_the_csv_throws_FileNotFoundException()
    {
        var folder = Database.Directory.Combine("empty");
        Directory.CreateDirectory(folder);

        await Assert.ThrowsAsync<FileNotFoundException>(() => CreateImporter().ImportAsync(Options(folder), null, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_cancelled_import_keeps_its_committed_batches_and_importing_again_completes_it()
    {
        var rows = Enumerable.Range(1, 6).Select(id => new CatalogRow(id, $"P{id}", "Bag", CatalogSplit.Catalog, $"a/{id}.png")).ToList();
        var source = WriteSource("source", rows);
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfterFirstBatch(cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateImporter().ImportAsync(Options(source) with { BatchSize = 2 }, progress, cancel.Token));

        await using (var db = Database.CreateContext())
        {
            Assert.Equal(2, await db.Products.CountAsync());
        }

        var rest = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);
        Assert.Equal((4, 2), (rest.Added, rest.AlreadyPresent));
    }

    private FolderImporter CreateImporter() => new(Database.ContextFactory, Database.Inspector, new FixedTimeProvider(s_now));

    private FolderImportOptions Options(string source) => new() { SourceDirectory = source, ImagesDirectory = ImagesDirectory };

    /// <summary>Writes the rows' images ("GOOD" + id bytes) and catalog.csv under <paramref name="folder"/>; returns the folder.</summary>
    private string WriteSource(string folder, IEnumerable<CatalogRow> rows)
    {
        var list = rows.ToList();
        foreach (var row in list)
        {
            Database.Directory.WriteFile(folder + "/" + row.File, ImageBytes(row.Id));
        }

        var directory = Database.Directory.Combine(folder.Split('/'));
        CatalogCsv.Write(Path.Combine(directory, FolderImporter.DefaultCsvName), list);
        return directory;
    }

    private static byte[] ImageBytes(int id) => FakeImageInspector.Good($"image {id}");

    private static IEnumerable<string> FilesUnder(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private sealed class CancelAfterFirstBatch(CancellationTokenSource cancel) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.Done > 0)
            {
                cancel.Cancel();
            }
        }
    }
}

public sealed class SqliteFolderImporterTests() : FolderImporterTests(server: null);

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlFolderImporterTests(PostgreSqlServer server) : FolderImporterTests(server);
