using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

public sealed class IndexServingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-index-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_similar_path_is_served_by_the_forest_of_the_active_build()
    {
        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        var index = status.GetProperty("index");
        Assert.Equal("forest", index.GetProperty("kind").GetString());
        Assert.Equal(AppFactory.ProductCount, index.GetProperty("items").GetInt32());

        var active = await ActiveBuildAsync(app);
        Assert.Equal(index.GetProperty("buildId").GetInt32(), active.Id);
        Assert.Equal((IndexBuildKind.Forest, IndexBuildStatus.Ready), (active.Kind, active.Status));
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, active.FilePath!)));
    }

    [Fact]
    public async Task A_corrupt_active_index_file_is_rebuilt_at_start_and_the_catalog_still_serves()
    {
        int firstBuild;
        await using (var first = new AppFactory(_root))
        {
            using var client = first.CreateClient();
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
            var active = await ActiveBuildAsync(first);
            firstBuild = active.Id;
            var file = Path.Combine(first.DataDirectory, active.FilePath!);
            await first.DisposeAsync();
            var bytes = await File.ReadAllBytesAsync(file);
            bytes[^10] ^= 0xFF;
            await File.WriteAllBytesAsync(file, bytes);
        }

        await using var second = new AppFactory(_root);
        using var again = second.CreateClient();
        await AppFactory.WaitUntilReadyAsync(again, TimeSpan.FromMinutes(1));

        var rebuilt = await ActiveBuildAsync(second);
        Assert.NotEqual(firstBuild, rebuilt.Id);
        var similar = await again.GetFromJsonAsync<JsonElement>("/api/products/3/similar?k=12");
        Assert.Equal(12, similar.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task The_build_index_verb_records_a_new_build_and_activates_it_when_asked()
    {
        string dataDirectory;
        int before;
        await using (var app = new AppFactory(_root))
        {
            using var client = app.CreateClient();
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
            dataDirectory = app.DataDirectory;
            before = (await ActiveBuildAsync(app)).Id;
        }

        var exit = await CommandLineVerbs.RunAsync(["build-index", "--trees", "7", "--metric", "euclidean", "--search-k", "900", "--activate", "--data-dir", dataDirectory]);

        Assert.Equal(0, exit);
        await using var reopened = new AppFactory(_root);
        var active = await ActiveBuildAsync(reopened);
        Assert.NotEqual(before, active.Id);
        Assert.Equal("euclidean", active.Metric);
        // The build's default search_k is recorded and is what its file serves with.
        Assert.Equal(900, active.SearchK);
        using var forest = ForestIndex.Open(Path.Combine(dataDirectory, active.FilePath!));
        Assert.Equal(900, forest.DefaultSearchK(12));
    }

    [Fact]
    public async Task An_index_exported_for_annoy_imports_back_as_a_build_that_serves()
    {
        string dataDirectory;
        await using (var app = new AppFactory(_root))
        {
            using var client = app.CreateClient();
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
            dataDirectory = app.DataDirectory;
        }

        var annoyFile = Path.Combine(_root, "catalog.ann");
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["export-annoy", "--file", annoyFile, "--data-dir", dataDirectory]));
        // The small catalog's ids are not 0..n−1, so the item-to-id mapping is written beside the file.
        Assert.Equal(AppFactory.ProductCount, (await File.ReadAllLinesAsync(annoyFile + ".ids")).Length);
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["import-annoy", annoyFile, "--dim", "512", "--ids", annoyFile + ".ids", "--activate", "--data-dir", dataDirectory]));
        int imported;
        await using (var check = new AppFactory(_root))
        {
            var build = await ActiveBuildAsync(check);
            imported = build.Id;
            // An imported Annoy file is served as one of the app's forests, and recorded as one.
            Assert.Equal(IndexBuildKind.Forest, build.Kind);
        }

        // The app serves the imported build as it is: same ids, nothing missing, so no rebuild.
        await using var reopened = new AppFactory(_root);
        using var again = reopened.CreateClient();
        await AppFactory.WaitUntilReadyAsync(again, TimeSpan.FromMinutes(1));
        var status = await again.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(imported, status.GetProperty("index").GetProperty("buildId").GetInt32());
        var similar = await again.GetFromJsonAsync<JsonElement>("/api/products/1/similar?k=12");
        Assert.Equal(12, similar.GetProperty("results").GetArrayLength());
    }

    private static async Task<IndexBuild> ActiveBuildAsync(AppFactory app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.IndexBuilds.AsNoTracking().SingleAsync(b => b.IsActive);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
