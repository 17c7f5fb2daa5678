using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>
/// A data directory holding a real catalog of <see cref="PerCategory"/> demo products per category, the first three of
/// each imported as split <c>train</c> and the rest as <c>test</c>, embedded with the configured model by the
/// <c>embed</c> verb. Built once for the test class; tests that change it work on a <see cref="CopyTo">copy</see>.
/// </summary>
public sealed class SplitCatalogFixture : IAsyncLifetime
{
    public const int PerCategory = 4;
    public const int TrainPerCategory = 3;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"vrs-evaluate-{Guid.NewGuid():N}");

    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>The id of the configured model, whose store <c>embed</c> wrote.</summary>
    public string ModelId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var csv = TestCatalog.Create(Path.Combine(Root, "catalog"), PerCategory);
        CatalogCsv.Write(csv, [.. CatalogCsv.Read(csv)
            .GroupBy(row => row.Category)
            .SelectMany(group => group.Select((row, i) => row with { Split = i < TrainPerCategory ? ProductSplit.Train : ProductSplit.Test }))]);
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["import", "folder", Path.GetDirectoryName(csv)!, "--csv", csv, "--data-dir", DataDirectory]));
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["embed", "--batch", "8", "--data-dir", DataDirectory]));
        ModelId = Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(DataDirectory, "embeddings"), "*" + EmbeddingStore.Extension).Single());
    }

    public Task DisposeAsync()
    {
        EmbeddingHost.Delete(Root);
        return Task.CompletedTask;
    }

    /// <summary>Copies the data directory (database, images, embeddings) to <paramref name="target"/>.</summary>
    public void CopyTo(string target)
    {
        // Closed connections, so the database file and its WAL are at rest while copied.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(DataDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    public static SqliteVisualRecSysDbContext Database(string dataDirectory) =>
        new SqliteVisualRecSysDbContext(new DbContextOptionsBuilder<SqliteVisualRecSysDbContext>().UseSqlite($"Data Source={Path.Combine(dataDirectory, "visualrecsys.db")}").Options);

    /// <summary>
    /// The Engine's own evaluation of <paramref name="dataDirectory"/>: products of the two splits that have a vector of
    /// <paramref name="modelId"/>, categories by ordinal name, angular metric, no approximate index.
    /// </summary>
    public static async Task<EvaluationReport> EngineReportAsync(string dataDirectory, string modelId, string querySplit, string gallerySplit, int k)
    {
        await using var db = Database(dataDirectory);
        var categories = (await db.Categories.Select(c => c.Name).ToListAsync()).Order(StringComparer.Ordinal).ToList();
        var products = await db.Products.Include(p => p.Category).ToListAsync();
        var embeddings = EmbeddingStore.TryLoad(Path.Combine(dataDirectory, "embeddings"), modelId)!;
        LabelledItem[] Split(string split) => [.. products
            .Where(p => p.Split == split && embeddings.TryGetRow(p.Id, out _))
            .Select(p => new LabelledItem(p.Id, categories.IndexOf(p.Category!.Name)))];
        return RetrievalEvaluator.Evaluate(new EvaluationInput
        {
            Embeddings = embeddings,
            Queries = Split(querySplit),
            Gallery = Split(gallerySplit),
            Categories = categories,
            K = k,
        });
    }
}
