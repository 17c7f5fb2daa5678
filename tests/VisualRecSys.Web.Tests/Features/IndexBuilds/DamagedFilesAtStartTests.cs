using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

/// <summary>
/// Files damaged while the app was down (a full disk, a crash mid-copy, bit rot) are found by their checksums at the
/// next start and never served: the previous good index build serves, damaged embeddings are embedded again.
/// (Corrupt index files with no earlier build are rebuilt: <see cref="Api.IndexServingTests"/>; damaged head files:
/// <see cref="Cli.HeadVerbTests"/>.)
/// </summary>
public sealed class DamagedFilesAtStartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-damaged-{Guid.NewGuid():N}");

    private string DataDirectory => Path.Combine(_root, "data");

    [Fact]
    public async Task A_truncated_active_index_is_refused_and_the_previous_good_build_serves()
    {
        var good = await StartAndStopAsync(app => ActiveBuildAsync(app));
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["build-index", "--trees", "5", "--activate", "--data-dir", DataDirectory]));
        var newer = await StartAndStopAsync(app => ActiveBuildAsync(app), waitUntilReady: false);
        Assert.NotEqual(good.Id, newer.Id);
        var file = Path.Combine(DataDirectory, newer.FilePath!);
        await using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(1));

        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(good.Id, status.GetProperty("index").GetProperty("buildId").GetInt32());
        Assert.Equal(good.Id, (await ActiveBuildAsync(app)).Id);
        var refused = await BuildAsync(app, newer.Id);
        Assert.Equal(IndexBuildStatus.Failed, refused.Status);
        Assert.Contains("damaged", refused.Error, StringComparison.Ordinal);
        var similar = await client.GetFromJsonAsync<JsonElement>("/api/products/3/similar?k=6");
        Assert.Equal(6, similar.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task An_embedding_store_with_a_damaged_header_is_moved_aside_and_embedded_again()
    {
        await StartAndStopAsync(_ => Task.FromResult(0));
        var store = Directory.GetFiles(Path.Combine(DataDirectory, "embeddings"), "*" + EmbeddingStore.Extension).Single();
        var bytes = await File.ReadAllBytesAsync(store);
        bytes[20] ^= 0xFF; // inside the checksummed header
        await File.WriteAllBytesAsync(store, bytes);

        var vectors = await StartAndStopAsync(async app =>
        {
            using var client = app.CreateClient();
            var similar = await client.GetFromJsonAsync<JsonElement>("/api/products/4/similar?k=5");
            Assert.Equal(5, similar.GetProperty("results").GetArrayLength());
            return EmbeddingStore.TryLoad(Path.Combine(DataDirectory, "embeddings"), Path.GetFileNameWithoutExtension(store))!;
        });

        Assert.Equal(AppFactory.ProductCount, vectors.Count);
        Assert.Single(Directory.GetFiles(Path.Combine(DataDirectory, "embeddings"), "*.unusable-*"));
    }

    [Fact]
    public async Task A_truncated_embedding_store_loses_only_its_damaged_tail_which_is_embedded_again()
    {
        await StartAndStopAsync(_ => Task.FromResult(0));
        var store = Directory.GetFiles(Path.Combine(DataDirectory, "embeddings"), "*" + EmbeddingStore.Extension).Single();
        await using (var stream = new FileStream(store, FileMode.Open))
        {
            stream.SetLength(stream.Length - 1000);
        }

        var vectors = await StartAndStopAsync(_ =>
            Task.FromResult(EmbeddingStore.TryLoad(Path.Combine(DataDirectory, "embeddings"), Path.GetFileNameWithoutExtension(store))!));

        Assert.Equal(AppFactory.ProductCount, vectors.Count);
    }

    /// <summary>Starts the app on the test's data directory, waits until it searches (unless told not to), runs <paramref name="check"/>, stops it.</summary>
    private async Task<T> StartAndStopAsync<T>(Func<AppFactory, Task<T>> check, bool waitUntilReady = true)
    {
        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        if (waitUntilReady)
        {
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
        }

        return await check(app);
    }

    private static async Task<IndexBuild> ActiveBuildAsync(AppFactory app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.IndexBuilds.AsNoTracking().SingleAsync(b => b.IsActive);
    }

    private static async Task<IndexBuild> BuildAsync(AppFactory app, int id)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.IndexBuilds.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
