extern alias bench;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using bench::VisualRecSys.Bench;
using bench::VisualRecSys.Bench.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;
using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Tests.Features.Store;

/// <summary>
/// A small scale catalog (the Bench tool's <c>make-catalog</c>) served by the real host: the index is built over its stored
/// vectors, nothing is embedded, and the store pages through it by cursor and by page number. Needs Fashion-MNIST installed.
/// </summary>
public sealed class ScaleCatalogTests(ScaleCatalogFixture fixture) : IClassFixture<ScaleCatalogFixture>
{
    private const int Count = ScaleCatalogFixture.Count;
    private readonly AppFactory _factory = fixture.Factory;
    private readonly HttpClient _client = fixture.Client;

    private string DataDirectory => fixture.DataDirectory;

    [Fact]
    public async Task Serves_similar_items_from_the_stored_vectors_without_embedding_any_image()
    {
        var similar = await _client.GetFromJsonAsync<JsonElement>("/api/products/4321/similar?k=10");

        var results = similar.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(10, results.Length);
        Assert.DoesNotContain(results, r => r.GetProperty("id").GetInt32() == 4321);
        Assert.All(results, r => Assert.InRange(r.GetProperty("id").GetInt32(), 1, Count));
        // Only the scale model's vectors exist: no image model embedded the 5,000 products at start.
        Assert.Equal([ScaleCatalog.ModelId + ".vecs"], Directory.GetFiles(Path.Combine(DataDirectory, "embeddings"), "*.vecs").Select(Path.GetFileName));
        var status = await _client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(ScaleCatalog.ModelId, status.GetProperty("index").GetProperty("modelId").GetString());
        // Nor was the image model loaded: a vectors-only model has no use for it (seconds of a start at scale).
        Assert.Null(_factory.Services.GetRequiredService<ImageEmbedders>().ActiveIfLoaded);

        // Products sharing an image share its thumbnail file.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/images/1?size=64")).StatusCode);
        Assert.True(File.Exists(Path.Combine(DataDirectory, "thumbs", "64", ScaleCatalog.ImageFileOf(0))));
    }

    [Theory]
    [InlineData(null, 97)]
    [InlineData("Sneaker", 50)]
    public async Task Paging_by_cursor_visits_every_product_once_in_id_order_and_agrees_with_page_numbers(string? category, int pageSize)
    {
        var expected = await IdsAsync(category);
        var seen = new List<int>();
        int? after = null;
        var page = 1;
        do
        {
            var query = $"/api/products?pageSize={pageSize}{(category is null ? "" : $"&category={category}")}";
            var byCursor = await _client.GetFromJsonAsync<JsonElement>(query + (after is null ? "" : $"&after={after}"));
            var byNumber = await _client.GetFromJsonAsync<JsonElement>(query + $"&page={page}");
            Assert.Equal(expected.Count, byCursor.GetProperty("total").GetInt32());
            Assert.Equal(page, byCursor.GetProperty("page").GetInt32());
            var ids = Ids(byCursor);
            Assert.Equal(ids, Ids(byNumber));
            seen.AddRange(ids);
            after = byCursor.GetProperty("nextAfter").ValueKind == JsonValueKind.Null ? null : byCursor.GetProperty("nextAfter").GetInt32();
            page++;
        }
        while (after is not null);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_cursor_stays_correct_when_products_are_removed_between_pages()
    {
        var first = await _client.GetFromJsonAsync<JsonElement>("/api/products?pageSize=20");
        var total = first.GetProperty("total").GetInt32();
        var after = first.GetProperty("nextAfter").GetInt32();
        // Remove products on both sides of the cursor, as a deletion between two page views would.
        await using (var db = await DbAsync())
        {
            await db.Products.Where(p => p.Id == 3 || p.Id == after + 1).ExecuteDeleteAsync();
        }

        _factory.Services.GetRequiredService<ProductDirectory>().Invalidate();
        var second = await _client.GetFromJsonAsync<JsonElement>($"/api/products?pageSize=20&after={after}");

        Assert.Equal(Enumerable.Range(after + 2, 20), Ids(second));
        Assert.Equal(total - 2, second.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Counts_are_cached_until_the_catalog_changes_in_this_process()
    {
        var directory = _factory.Services.GetRequiredService<ProductDirectory>();
        var catalog = _factory.Services.GetRequiredService<ProductCatalog>();
        var before = await catalog.ListAsync(1, 10, null, CancellationToken.None);
        var loads = directory.Loads;

        await using (var db = await DbAsync())
        {
            var category = await db.Categories.FirstAsync(c => c.Name == "Bag");
            db.Products.Add(new Product { Id = Count + 1000, Title = "Added bag", CategoryId = category.Id, ImageFile = ScaleCatalog.ImageFileOf(0) });
            await db.SaveChangesAsync();
        }

        // Another page view: the cached count, no reload.
        Assert.Equal(before.Total, (await catalog.ListAsync(2, 10, null, CancellationToken.None)).Total);
        Assert.Equal(loads, directory.Loads);

        // What an import does when it is done: the next page sees the new product, after one reload.
        directory.Invalidate();
        var after = await catalog.ListAsync(1, 10, "Bag", CancellationToken.None, "added bag");
        Assert.Equal(loads + 1, directory.Loads);
        Assert.Equal(before.Total + 1, (await catalog.ListAsync(1, 10, null, CancellationToken.None)).Total);
        Assert.Equal([Count + 1000], after.Items.Select(p => p.Id));
    }

    private async Task<VisualRecSysDbContext> DbAsync() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>().CreateDbContextAsync();

    private async Task<List<int>> IdsAsync(string? category)
    {
        await using var db = await DbAsync();
        return await db.Products.Where(p => category == null || p.Category!.Name == category).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
    }

    private static int[] Ids(JsonElement listing) => [.. listing.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt32())];
}

/// <summary>One small scale catalog, its index built by the verb, served by one host for the class.</summary>
public sealed class ScaleCatalogFixture : IAsyncLifetime
{
    public const int Count = 5000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-scale-{Guid.NewGuid():N}");

    public AppFactory Factory { get; private set; } = default!;

    public HttpClient Client { get; private set; } = default!;

    public string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        Assert.Equal(0, await BenchCommands.RunAsync(["make-catalog", "--count", $"{Count}", "--dim", "32", "--data-dir", DataDirectory],
            TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, await CommandLineVerbs.RunAsync(
            ["build-index", "--model", ScaleCatalog.ModelId, "--trees", "4", "--activate", "--data-dir", DataDirectory]));
        Factory = new AppFactory(_root);
        Client = Factory.CreateClient();
        await AppFactory.WaitUntilReadyAsync(Client, TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
