using Microsoft.Data.Sqlite;
using VisualRecSys.Bench.Catalog;
using VisualRecSys.Bench.Index.Datasets;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Tests.Catalog;

/// <summary>The tool's <c>make-catalog</c> command end to end on a small count, in-process (needs Fashion-MNIST installed).</summary>
public sealed class MakeCatalogCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-catalog-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_products_sharing_images_and_the_projected_vectors_of_the_same_items()
    {
        const int Count = 700;
        var data = Path.Combine(_directory, "data");
        Assert.Equal(0, await BenchCommands.RunAsync(["make-catalog", "--count", $"{Count}", "--dim", "16", "--seed", "5", "--data-dir", data],
            TextWriter.Null, TextWriter.Null));

        var files = FashionMnistDataset.Locate();
        var train = IdxReader.ReadImages(files.TrainImages);
        var labels = IdxReader.ReadLabels(files.TrainLabels);
        var rows = ReadProducts(Path.Combine(data, "visualrecsys.db"));
        Assert.Equal(Enumerable.Range(1, Count), rows.Select(r => r.Id));
        foreach (var (id, category, image) in rows)
        {
            var trainImage = ScaleCatalog.TrainImageOf(ScaleCatalog.ItemOf(id), train.Count);
            Assert.Equal(FashionMnistCategories.Names[labels[trainImage]], category);
            Assert.Equal(ScaleCatalog.ImageFileOf(trainImage), image);
            Assert.True(File.Exists(Path.Combine(data, "images", image)), image);
        }

        // Each image file once: as many files as distinct images, not one per product.
        Assert.Equal(rows.Select(r => r.Image).Distinct().Count(), Directory.GetFiles(Path.Combine(data, "images", ScaleCatalog.ImageFolder)).Length);

        // Product id i holds fashion-mnist-projected item i − 1, as bench index generates it.
        var stored = EmbeddingStore.TryLoad(Path.Combine(data, "embeddings"), ScaleCatalog.ModelId)!;
        var expected = ProjectedFashionMnist.Generate(train, IdxReader.ReadImages(files.TestImages), Count, 16, 0, seed: 5).Base;
        Assert.Equal(Enumerable.Range(1, Count), stored.Ids.ToArray());
        Assert.Equal(expected.Vectors.ToArray(), stored.Vectors.ToArray());

        // A second run would mix two catalogs: refused, nothing added.
        var error = new StringWriter();
        Assert.Equal(1, await BenchCommands.RunAsync(["make-catalog", "--count", "10", "--dim", "16", "--data-dir", data], TextWriter.Null, error));
        Assert.Contains("empty data directory", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(Count, ReadProducts(Path.Combine(data, "visualrecsys.db")).Count);
    }

    [Fact]
    public void Products_beyond_the_train_images_share_their_files()
    {
        const int Train = 60_000;
        var first = ScaleCatalog.ImageFileOf(ScaleCatalog.TrainImageOf(ScaleCatalog.ItemOf(1), Train));
        var copy = ScaleCatalog.ImageFileOf(ScaleCatalog.TrainImageOf(ScaleCatalog.ItemOf(1 + (3 * Train)), Train));
        var next = ScaleCatalog.ImageFileOf(ScaleCatalog.TrainImageOf(ScaleCatalog.ItemOf(2), Train));
        Assert.Equal(first, copy);
        Assert.NotEqual(first, next);
    }

    [Fact]
    public void Item_blocks_are_the_items_of_the_whole_set()
    {
        var pixels = new byte[12 * 8 * 8];
        new Random(3).NextBytes(pixels);
        var train = new IdxImageSet(12, 8, 8, pixels);
        var whole = ProjectedFashionMnist.Generate(train, train, count: 40, dimension: 8, queryCount: 0, seed: 9).Base.Vectors.ToArray();

        var blocks = new ProjectedFashionMnist.ItemBlocks(train, 8, seed: 9);
        var part = new float[7 * 8];
        blocks.Generate(25, 7, part);

        Assert.Equal(whole.AsSpan(25 * 8, 7 * 8).ToArray(), part);
    }

    private static List<(int Id, string Category, string Image)> ReadProducts(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p."Id", c."Name", p."ImageFile" FROM "Products" p JOIN "Categories" c ON c."Id" = p."CategoryId" ORDER BY p."Id"
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(int, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
