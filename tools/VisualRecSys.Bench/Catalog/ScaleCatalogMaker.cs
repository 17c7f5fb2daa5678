using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VisualRecSys.Bench.Index.Datasets;
using VisualRecSys.Data;
using VisualRecSys.Data.Importing.Bulk;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Catalog;

/// <summary>
/// Writes the scale catalog into a data directory the app serves: the Fashion-MNIST train images once each under
/// <c>images/scale/</c>, <c>count</c> products sharing them (product id i is <c>fashion-mnist-projected</c> item i − 1,
/// which shows train image (i − 1) mod 60,000), and the items' vectors in the embedding store of <see cref="ScaleCatalog.ModelId"/>.
/// </summary>
internal static class ScaleCatalogMaker
{
    // Vectors per store block and per generation step: 32 MB at 512 dimensions, so memory stays flat at any count.
    private const int BlockRows = 16_384;

    /// <exception cref="ArgumentException">The data directory already has products or vectors of the scale model.</exception>
    /// <exception cref="FileNotFoundException">The Fashion-MNIST files are missing.</exception>
    public static async Task RunAsync(ScaleCatalogSettings settings, DirectoryInfo? dataDirectory, TextWriter log, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Dimension);
        var clock = Stopwatch.StartNew();
        var files = FashionMnistDataset.Locate(settings.Source);
        using var host = BenchHost.Build(dataDirectory, services => services.AddVisualRecSysData(sp =>
            Path.Combine(sp.GetRequiredService<BenchPaths>().Root, "visualrecsys.db")));
        var paths = host.Services.GetRequiredService<BenchPaths>();
        var embeddings = Path.Combine(paths.Root, "embeddings");
        if (File.Exists(EmbeddingStore.PathFor(embeddings, ScaleCatalog.ModelId)))
        {
            throw new ArgumentException($"'{paths.Root}' already has vectors of {ScaleCatalog.ModelId}; make the catalog in an empty data directory.");
        }

        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Products.AnyAsync(ct))
            {
                throw new ArgumentException($"'{paths.Root}' already has products; make the catalog in an empty data directory.");
            }
        }

        var train = IdxReader.ReadImages(files.TrainImages);
        var labels = IdxReader.ReadLabels(files.TrainLabels);
        var images = WriteImages(train, Math.Min(settings.Count, train.Count), paths.Images);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{images:N0} shared images written in {clock.Elapsed.TotalSeconds:F1} s"));

        var inserted = await InsertProductsAsync(dbFactory, settings.Count, train.Count, labels, log, ct);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{inserted:N0} products inserted at {clock.Elapsed.TotalSeconds:F1} s"));

        WriteVectors(new ProjectedFashionMnist.ItemBlocks(train, settings.Dimension, settings.Seed), settings.Count, embeddings, log, ct);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Count:N0} vectors of {ScaleCatalog.ModelId} ({settings.Dimension}-d) stored; catalog made in {clock.Elapsed.TotalSeconds:F1} s at {paths.Root}"));
        log.WriteLine($"Next: VisualRecSys.Web --data-dir {paths.Root} build-index --model {ScaleCatalog.ModelId} --activate");
    }

    /// <summary>Each train image once, as the importers store images: PNG files under the data directory's <c>images/</c>.</summary>
    private static int WriteImages(IdxImageSet train, int count, string imagesDirectory)
    {
        Directory.CreateDirectory(Path.Combine(imagesDirectory, ScaleCatalog.ImageFolder));
        Parallel.For(0, count, i =>
        {
            var path = Path.Combine(imagesDirectory, ScaleCatalog.ImageFileOf(i));
            File.WriteAllBytes(path, ImagePreprocessor.EncodePng(train.Image(i), train.Columns, train.Rows));
        });
        return count;
    }

    private static async Task<int> InsertProductsAsync(IDbContextFactory<VisualRecSysDbContext> dbFactory, int count, int trainCount, byte[] labels,
        TextWriter log, CancellationToken ct)
    {
        var names = FashionMnistCategories.Names;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The catalog is rebuilt from scratch if this is interrupted; durability per commit buys nothing here.
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF;", ct);
        return await ProductBulkInsert.InsertAsync(db, Products(), DateTimeOffset.UtcNow,
            new Progress<int>(n => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n:N0} products"))), ct);

        IEnumerable<BulkProduct> Products()
        {
            for (var id = 1; id <= count; id++)
            {
                var item = ScaleCatalog.ItemOf(id);
                var image = ScaleCatalog.TrainImageOf(item, trainCount);
                var category = names[labels[image]];
                yield return new BulkProduct(
                    id,
                    string.Create(CultureInfo.InvariantCulture, $"{category} {id:D7}"),
                    category,
                    ScaleCatalog.ImageFileOf(image),
                    ScaleCatalog.Split,
                    string.Create(CultureInfo.InvariantCulture, $"{ScaleCatalog.ModelId}:{item}"),
                    // Copies of one train image are pictures of one item: the instance evaluation's ground truth.
                    string.Create(CultureInfo.InvariantCulture, $"fashion-mnist:train:{image}"));
            }
        }
    }

    private static void WriteVectors(ProjectedFashionMnist.ItemBlocks blocks, int count, string directory, TextWriter log, CancellationToken ct)
    {
        var vectors = new float[BlockRows * blocks.Dimension];
        var ids = new int[BlockRows];
        using var store = EmbeddingStoreWriter.Open(directory, ScaleCatalog.ModelId, blocks.Dimension);
        for (var first = 0; first < count; first += BlockRows)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(BlockRows, count - first);
            blocks.Generate(first, n, vectors);
            for (var i = 0; i < n; i++)
            {
                ids[i] = first + i + 1;
            }

            store.Append(ids.AsSpan(0, n), vectors.AsSpan(0, n * blocks.Dimension));
            if ((first / BlockRows) % 16 == 15)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {first + n:N0} vectors"));
            }
        }

        store.Commit();
    }
}
