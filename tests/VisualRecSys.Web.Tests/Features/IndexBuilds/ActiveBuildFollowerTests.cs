using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

/// <summary>
/// A running app follows the build the database flags active, as a replica follows an activation on another: here the
/// other process is the <c>build-index --activate</c> verb on the same data directory.
/// </summary>
public sealed class ActiveBuildFollowerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-follow-{Guid.NewGuid():N}");

    private string DataDirectory => Path.Combine(_root, "data");

    [Fact]
    public async Task A_build_activated_by_another_process_serves_here_within_five_seconds_and_answers()
    {
        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
        var first = await ServingBuildAsync(client);

        Assert.Equal(0, await CommandLineVerbs.RunAsync(["build-index", "--trees", "5", "--activate", "--data-dir", DataDirectory]));
        var activated = await LatestBuildIdAsync();
        Assert.NotEqual(first, activated);
        var waited = Stopwatch.StartNew();
        while (await ServingBuildAsync(client) != activated && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
        }

        Assert.Equal(activated, await ServingBuildAsync(client));
        using var similar = await client.GetAsync("/api/products/1/similar?k=5");
        Assert.Equal(System.Net.HttpStatusCode.OK, similar.StatusCode);
    }

    [Fact]
    public async Task A_flagged_build_that_cannot_serve_here_leaves_the_serving_build_in_place()
    {
        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
        var first = await ServingBuildAsync(client);
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["build-index", "--trees", "5", "--data-dir", DataDirectory]));
        var broken = await LatestBuildIdAsync();
        await using (var db = OpenDatabase())
        {
            // As another replica would leave it, were the shared file gone: flagged active, its file deleted.
            var row = await db.IndexBuilds.SingleAsync(b => b.Id == broken);
            File.Delete(Path.Combine(DataDirectory, row.FilePath!));
            await db.IndexBuilds.Where(b => b.IsActive).ExecuteUpdateAsync(b => b.SetProperty(x => x.IsActive, false));
            await db.IndexBuilds.Where(b => b.Id == broken).ExecuteUpdateAsync(b => b.SetProperty(x => x.IsActive, true));
        }

        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.Equal(first, await ServingBuildAsync(client));
        using var similar = await client.GetAsync("/api/products/1/similar?k=5");
        Assert.Equal(System.Net.HttpStatusCode.OK, similar.StatusCode);
    }

    private static async Task<int> ServingBuildAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("index").GetProperty("buildId").GetInt32();

    private async Task<int> LatestBuildIdAsync()
    {
        await using var db = OpenDatabase();
        return await db.IndexBuilds.MaxAsync(b => b.Id);
    }

    private SqliteVisualRecSysDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SqliteVisualRecSysDbContext>().UseSqlite($"Data Source={Path.Combine(DataDirectory, "visualrecsys.db")}").Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
