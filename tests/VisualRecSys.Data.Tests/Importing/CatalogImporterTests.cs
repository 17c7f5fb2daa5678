using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Tests.TestSupport;

namespace VisualRecSys.Data.Tests.Importing;

public sealed class CatalogImporterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static readonly CatalogRow[] s_rows =
    [
        new(3, "Red dress", "Dress", CatalogSplit.Catalog, "catalog/00003.png"),
        new(1, "Blue bag", "Bag", CatalogSplit.Catalog, "catalog/bags/00001.png"),
        new(5, "Query dress", "Dress", CatalogSplit.Query, "query/00005.png"),
        new(2, "Green bag", "Bag", CatalogSplit.Catalog, "catalog/bags/00002.png"),
        new(4, "Query sandal", "Sandal", CatalogSplit.Query, "query/00004.png"),
    ];

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateInitializedAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private string ImagesDirectory => _database.Directory.Combine("data", "images");

    [Fact]
    public async Task ImportAsync_imports_catalog_rows_only_and_copies_their_images()
    {
        var csv = WriteSource("source", s_rows);
        var progress = new RecordingProgress();

        var result = await CreateImporter().ImportAsync(csv, ImagesDirectory, progress, CancellationToken.None);

        Assert.Equal(new CatalogImportResult(Added: 3, AlreadyPresent: 0, Categories: 2), result);
        Assert.Equal(3, progress.Values[^1]);

        await using var db = _database.CreateContext();
        var products = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal([1, 2, 3], products.Select(p => p.Id));
        Assert.Equal(["Blue bag", "Green bag", "Red dress"], products.Select(p => p.Title));
        Assert.Equal(["Bag", "Bag", "Dress"], products.Select(p => p.Category!.Name));
        Assert.Equal(["catalog/bags/00001.png", "catalog/bags/00002.png", "catalog/00003.png"], products.Select(p => p.ImageFile));
        Assert.All(products, p => Assert.Equal(s_now, p.CreatedAt));
        Assert.Equal(["Bag", "Dress"], await db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync());

        foreach (var product in products)
        {
            var copied = Path.Combine(ImagesDirectory, product.ImageFile);
            Assert.Equal(ImageBytes(product.Id), await File.ReadAllBytesAsync(copied));
        }

        // Only the three catalog images, and no temporary files left behind.
        var files = Directory.GetFiles(ImagesDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ImagesDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["catalog/00003.png", "catalog/bags/00001.png", "catalog/bags/00002.png"], files);
    }

    [Fact]
    public async Task ImportAsync_a_second_time_adds_nothing()
    {
        var csv = WriteSource("source", s_rows);
        var importer = CreateImporter();
        await importer.ImportAsync(csv, ImagesDirectory, null, CancellationToken.None);

        var second = await importer.ImportAsync(csv, ImagesDirectory, null, CancellationToken.None);

        Assert.Equal(new CatalogImportResult(Added: 0, AlreadyPresent: 3, Categories: 2), second);
        await using var db = _database.CreateContext();
        Assert.Equal(3, await db.Products.CountAsync());
        Assert.Equal(2, await db.Categories.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_adds_only_new_ids_and_reuses_existing_categories()
    {
        await CreateImporter().ImportAsync(WriteSource("first", s_rows), ImagesDirectory, null, CancellationToken.None);
        CatalogRow[] more =
        [
            new(1, "Renamed bag", "Bag", CatalogSplit.Catalog, "catalog/bags/00001.png"),
            new(10, "Second bag batch", "Bag", CatalogSplit.Catalog, "catalog/00010.png"),
            new(11, "Trousers", "Trouser", CatalogSplit.Catalog, "catalog/00011.png"),
        ];

        var result = await CreateImporter().ImportAsync(WriteSource("second", more), ImagesDirectory, null, CancellationToken.None);

        Assert.Equal(new CatalogImportResult(Added: 2, AlreadyPresent: 1, Categories: 2), result);
        await using var db = _database.CreateContext();
        Assert.Equal("Blue bag", (await db.Products.SingleAsync(p => p.Id == 1)).Title);
        Assert.Equal(["Bag", "Dress", "Trouser"], await db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync());
        Assert.Equal(3, await db.Products.CountAsync(p => p.Category!.Name == "Bag"));
    }

    [Fact]
    public async Task ImportAsync_of_a_csv_inside_the_images_folder_leaves_the_images_in_place()
    {
        var csv = WriteSource("data/images", s_rows);

        var result = await CreateImporter().ImportAsync(csv, ImagesDirectory, null, CancellationToken.None);

        Assert.Equal(3, result.Added);
        Assert.Equal(ImageBytes(1), await File.ReadAllBytesAsync(Path.Combine(ImagesDirectory, "catalog", "bags", "00001.png")));
    }

    [Fact]
    public async Task ImportAsync_with_a_missing_image_throws_and_commits_nothing()
    {
        var csv = WriteSource("source", s_rows);
        File.Delete(Path.Combine(Path.GetDirectoryName(csv)!, "catalog", "bags", "00002.png"));

        var error = await Assert.ThrowsAsync<CatalogFormatException>(
            () => CreateImporter().ImportAsync(csv, ImagesDirectory, null, CancellationToken.None));

        Assert.Contains("catalog/bags/00002.png", error.Message, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Products.CountAsync());
        Assert.Equal(0, await db.Categories.CountAsync());
        Assert.False(Directory.Exists(ImagesDirectory));
    }

    [Fact]
    public async Task ImportAsync_with_an_invalid_csv_throws_CatalogFormatException()
    {
        var folder = _database.Directory.Combine("bad");
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, "catalog.csv");
        await File.WriteAllTextAsync(csv, "id,title,category,split,file\n1,A,Bag,catalog,../../outside.png\n");

        await Assert.ThrowsAsync<CatalogFormatException>(
            () => CreateImporter().ImportAsync(csv, ImagesDirectory, null, CancellationToken.None));

        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Products.CountAsync());
    }

    private CatalogImporter CreateImporter() => new(_database.ContextFactory, new FixedTimeProvider(s_now));

    private string WriteSource(string folder, IEnumerable<CatalogRow> rows)
    {
        var list = rows.ToList();
        foreach (var row in list)
        {
            _database.Directory.WriteFile(folder + "/" + row.File, ImageBytes(row.Id));
        }

        var csv = _database.Directory.Combine(folder, "catalog.csv");
        CatalogCsv.Write(csv, list);
        return csv;
    }

    // Not real PNGs: the data layer only copies bytes.
    private static byte[] ImageBytes(int id) => [0x89, (byte)'P', (byte)'N', (byte)'G', (byte)id, (byte)(id * 7)];

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Records synchronously; <see cref="Progress{T}"/> would post to the thread pool.</summary>
    private sealed class RecordingProgress : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }
}
