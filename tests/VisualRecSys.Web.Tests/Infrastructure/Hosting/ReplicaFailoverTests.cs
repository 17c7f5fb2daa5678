using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VisualRecSys.Testing;
using VisualRecSys.Testing.PostgreSql;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>
/// A replica killed with SIGKILL mid-build while another shares its PostgreSQL database and data directory: the survivor
/// takes the admin jobs' lease once it runs out, fails the orphaned build, keeps serving, and can build itself.
/// </summary>
[Collection(PostgreSqlTestGroup.Name)]
public sealed class ReplicaFailoverTests(PostgreSqlServer server) : IDisposable
{
    /// <summary>Short, so the test waits seconds for the take-over: renewed every second, checked every 1.5 s.</summary>
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(3);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-failover-{Guid.NewGuid():N}");

    [SkippableFact(Timeout = 4 * 60 * 1000)]
    public async Task When_A_is_killed_mid_build_B_takes_the_lease_fails_the_build_keeps_serving_and_can_build()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var connectionString = await server.CreateDatabaseAsync("failover");
        try
        {
            // B in process prepares the catalog (and its first build) before A starts on the same data directory.
            await using var b = PostgreSqlReplicas.OnPostgreSql(new AppFactory(_root), connectionString, "replica-b");
            b.Settings["VisualRecSys:Jobs:Lease"] = s_lease.ToString();
            using var toB = b.CreateClient();
            await AppFactory.WaitUntilReadyAsync(toB, TimeSpan.FromMinutes(3));
            var active = await AdminApiClient.ServingBuildAsync(toB);
            using var adminB = await b.CreateSignedInClientAsync(AppRoles.Admin);

            // A as its own process, so SIGKILL stops it with nothing run on the way out.
            await using var a = ChildApp.Start(ChildSettings(b, connectionString));
            using var adminA = a.CreateClient();
            await a.WaitUntilReadyAsync(adminA, TimeSpan.FromMinutes(2));
            await TestUsers.SignInAsync(adminA, TestUsers.EmailOf(AppRoles.Admin), TestUsers.Password);
            var jobId = await AdminApiClient.StartAsync(adminA, "/api/admin/builds", new { trees = 2000, activate = true });
            var running = await AdminApiClient.WaitForAsync(adminA, jobId, j => j.GetProperty("done").GetInt64() >= 5, TimeSpan.FromMinutes(1));
            var interrupted = running.GetProperty("buildId").GetInt32();
            await AssertRefusedAsync(adminB, "replica-a");

            await a.KillAsync();
            var killed = Stopwatch.StartNew();

            // Nobody renews A's lease now: within a lease and a half B's watcher takes it over and fails A's build.
            var builds = await WaitForStatusAsync(adminB, interrupted, "failed", TimeSpan.FromSeconds(30));
            var failedAfter = killed.Elapsed;
            var row = AdminApiClient.Build(builds, interrupted);
            Assert.Contains("Interrupted", row.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(row.GetProperty("isActive").GetBoolean());
            Assert.Equal(active, builds.GetProperty("activeBuildId").GetInt32());
            Assert.Equal(active, await AdminApiClient.ServingBuildAsync(toB));
            var similar = await toB.GetFromJsonAsync<JsonElement>("/api/products/1/similar?k=5");
            Assert.Equal(5, similar.GetProperty("results").GetArrayLength());
            Assert.True(failedAfter < s_lease * 3, $"B failed the build {failedAfter.TotalSeconds:F1} s after the kill; the lease is {s_lease.TotalSeconds} s.");

            // The lease is B's to take now: its own build runs and completes.
            var own = await AdminApiClient.WaitAsync(adminB, await AdminApiClient.StartAsync(adminB, "/api/admin/builds", new { trees = 5 }), TimeSpan.FromMinutes(1));
            Assert.True(own.GetProperty("status").GetString() == "completed", own.ToString());
        }
        finally
        {
            await PostgreSqlReplicas.DropQuietlyAsync(server, connectionString);
        }
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A stale temp folder is harmless.
        }
    }

    /// <summary>A's settings: B's data directory and catalog, the same database and lease, slow trees.</summary>
    private static Dictionary<string, string> ChildSettings(AppFactory b, string connectionString)
    {
        var settings = PostgreSqlReplicas.Settings(connectionString, "replica-a");
        settings["VisualRecSys:DataDirectory"] = b.DataDirectory;
        settings["VisualRecSys:SeedCatalog"] = b.SeedCatalog;
        settings["VisualRecSys:AssetsDirectory"] = Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets");
        // The model B serves (AppFactory's): another would not be the same served model on one database.
        settings["VisualRecSys:DefaultHead"] = "none";
        settings["VisualRecSys:Embedding:Provider"] = "Cpu";
        settings["VisualRecSys:Jobs:Lease"] = s_lease.ToString();
        // 50 ms a tree: 2,000 trees take well over a minute, so the kill lands mid-way.
        settings["VisualRecSys:Admin:TreeBuildDelay"] = "00:00:00.05";
        return settings;
    }

    private static async Task AssertRefusedAsync(HttpClient admin, string holder)
    {
        using var refused = await admin.PostAsJsonAsync("/api/admin/builds", new { trees = 5 });
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, $"{(int)refused.StatusCode}: {body}");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.Contains($"is running on {holder}", detail, StringComparison.Ordinal);
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
}
