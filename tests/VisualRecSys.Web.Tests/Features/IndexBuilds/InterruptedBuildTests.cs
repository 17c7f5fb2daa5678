using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

/// <summary>
/// The app killed with SIGKILL in the middle of an index build: the next start marks that build failed, and the build
/// that was active before serves throughout.
/// </summary>
public sealed class InterruptedBuildTests : IDisposable
{
    private const string AdminEmail = "first-admin@tests.invalid";
    private const string AdminPassword = "configured for this test only";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-kill-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_build_killed_mid_way_is_failed_at_the_next_start_and_the_active_build_still_serves()
    {
        // The catalog prepared in process first (import, embedding, first build), so the child's start is quick.
        int active;
        string dataDirectory;
        string seed;
        await using (var prepared = new AppFactory(_root))
        {
            using var client = prepared.CreateClient();
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
            active = await AdminApiClient.ServingBuildAsync(client);
            (dataDirectory, seed) = (prepared.DataDirectory, prepared.SeedCatalog);
        }

        var settings = new Dictionary<string, string>
        {
            ["VisualRecSys:DataDirectory"] = dataDirectory,
            ["VisualRecSys:SeedCatalog"] = seed,
            ["VisualRecSys:AssetsDirectory"] = Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets"),
            ["VisualRecSys:Embedding:Provider"] = "Cpu",
            // The first admin from the configuration, as an operator would set it up.
            ["VisualRecSys:Admin:Email"] = AdminEmail,
            ["VisualRecSys:Admin:Password"] = AdminPassword,
            // 50 ms a tree: 2,000 trees take well over a minute, so the kill lands mid-way.
            ["VisualRecSys:Admin:TreeBuildDelay"] = "00:00:00.05",
        };

        int interrupted;
        await using (var first = ChildApp.Start(settings))
        {
            using var client = first.CreateClient();
            await first.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(2));
            await TestUsers.SignInAsync(client, AdminEmail, AdminPassword);
            var jobId = await AdminApiClient.StartAsync(client, "/api/admin/builds", new { trees = 2000, activate = true });
            var running = await AdminApiClient.WaitForAsync(client, jobId, j => j.GetProperty("done").GetInt64() >= 5, TimeSpan.FromMinutes(1));
            interrupted = running.GetProperty("buildId").GetInt32();
            Assert.Equal("running", AdminApiClient.Build(await AdminApiClient.BuildsAsync(client), interrupted).GetProperty("status").GetString());

            await first.KillAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var second = ChildApp.Start(settings);
        using var again = second.CreateClient();
        await second.WaitUntilReadyAsync(again, TimeSpan.FromMinutes(2));
        await TestUsers.SignInAsync(again, AdminEmail, AdminPassword);

        // The dead process's lease runs out at most 15 s after its last renewal and the new one looks every 7.5 s; the
        // rest of the minute is for a CI machine busy with the other test classes (30 s fell short once there).
        var builds = await WaitForStatusAsync(again, interrupted, "failed", TimeSpan.FromSeconds(60));
        var row = AdminApiClient.Build(builds, interrupted);
        Assert.Contains("Interrupted", row.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(row.GetProperty("isActive").GetBoolean());
        Assert.Equal(active, builds.GetProperty("activeBuildId").GetInt32());
        Assert.Equal(active, await AdminApiClient.ServingBuildAsync(again));
        var similar = await again.GetFromJsonAsync<JsonElement>("/api/products/1/similar?k=5");
        Assert.Equal(5, similar.GetProperty("results").GetArrayLength());
        // The half-written file went with the process; none is left behind.
        Assert.Empty(Directory.GetFiles(Path.Combine(dataDirectory, "indexes"), "*.tmp"));
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, int buildId, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement builds;
        do
        {
            builds = await AdminApiClient.BuildsAsync(client);
            if (AdminApiClient.Build(builds, buildId).GetProperty("status").GetString() == status)
            {
                return builds;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Build {buildId} did not become {status}: {builds}");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A stale temp folder is harmless.
        }
    }
}
