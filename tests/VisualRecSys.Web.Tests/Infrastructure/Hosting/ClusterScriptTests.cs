using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VisualRecSys.Web.Tests.TestSupport;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>
/// <c>scripts/run-cluster.sh</c> end to end through real nginx: two replicas on the script's own PostgreSQL, a browser
/// kept on one replica by the affinity cookie while cookie-less clients spread, a replica killed with SIGKILL under
/// load costing no request, and Ctrl+C (SIGTERM) stopping everything the script started.
/// </summary>
public sealed class ClusterScriptTests
{
    [SkippableFact(Timeout = 8 * 60 * 1000)]
    public async Task Two_replicas_behind_nginx_keep_a_browser_on_one_survive_a_killed_replica_and_stop_on_sigterm()
    {
        Skip.If(ClusterRun.SkipReason() is not null, ClusterRun.SkipReason());
        await using var cluster = ClusterRun.Start(replicas: 2);
        await cluster.WaitUntilReadyAsync(TimeSpan.FromMinutes(6));
        var runFolder = cluster.RunFolder();

        using var anonymous = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = cluster.ProxyUrl };
        var health = await anonymous.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("PostgreSQL", health.GetProperty("database").GetString());

        // Clients that keep no cookie are hashed by request: both replicas answer them.
        var spread = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            spread.Add(await InstanceAsync(anonymous));
        }

        Assert.Equal(["replica-1", "replica-2"], spread.Order());

        // A browser keeps the cookie nginx gave it and stays on that replica (its Blazor circuit lives there).
        using (var onReplica2 = await BrowserOnAsync(cluster, "replica-2"))
        {
            for (var i = 0; i < 15; i++)
            {
                Assert.Equal("replica-2", await InstanceAsync(onReplica2));
            }

            // Replica 2 killed while four clients keep asking for similar items: nginx sends what met the dead
            // replica (refused connections, requests in flight) to replica 1, so no client sees an error.
            var failures = new ConcurrentBag<string>();
            var answered = 0;
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                var random = new Random(worker);
                while (!stop.IsCancellationRequested)
                {
                    var id = random.Next(1, 2001);
                    try
                    {
                        using var response = await anonymous.GetAsync($"/api/products/{id}/similar?k=12");
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref answered);
                        }
                        else
                        {
                            failures.Add($"{id}: {(int)response.StatusCode}");
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        failures.Add($"{id}: {e.Message}");
                    }
                }
            })).ToArray();
            await Task.Delay(1_000);
            var before = Volatile.Read(ref answered);
            Assert.True(ClusterRun.Signal("KILL", cluster.ReplicaPid(2).ToString(CultureInfo.InvariantCulture)), "SIGKILL of replica-2 failed");
            await Task.Delay(3_000);
            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(failures.IsEmpty, $"{failures.Count} failed requests around the kill: {string.Join("; ", failures.Take(5))}");
            Assert.True(answered > before + 20, $"only {answered - before} similar requests answered after the kill");
            Assert.False(ClusterRun.Listens(cluster.Port + 2), "replica-2 still listens after SIGKILL");

            // The browser whose replica died is answered by the survivor.
            Assert.Equal("replica-1", await InstanceAsync(onReplica2));
        }

        await WaitForAsync(() => cluster.Output.Contains("replica-2 exited", StringComparison.Ordinal), TimeSpan.FromSeconds(15),
            () => $"run-cluster.sh did not report replica-2's death:\n{cluster.Output}");
        Assert.False(cluster.HasExited, $"run-cluster.sh ended when one of two replicas died:\n{cluster.Output}");

        // Ctrl+C: nginx, the last replica and PostgreSQL stop, and the temporary run folder is removed.
        var code = await cluster.StopAsync(TimeSpan.FromSeconds(60));
        Assert.True(code is not null, $"run-cluster.sh did not stop within 60 s of SIGTERM:\n{cluster.Output}");
        Assert.False(ClusterRun.Listens(cluster.Port), "nginx still listens after the script stopped");
        Assert.False(ClusterRun.Listens(cluster.Port + 1), "replica-1 still listens after the script stopped");
        Assert.False(Directory.Exists(runFolder), $"the temporary run folder {runFolder} is left behind");
    }

    private static async Task<string> InstanceAsync(HttpClient client)
    {
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        return health.GetProperty("instance").GetString()!;
    }

    /// <summary>A cookie-keeping client that nginx pinned to <paramref name="instance"/> (new clients until one lands there).</summary>
    private static async Task<HttpClient> BrowserOnAsync(ClusterRun cluster, string instance)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var jar = new CookieContainer();
            var client = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = cluster.ProxyUrl };
            var first = await InstanceAsync(client);
            var affinity = jar.GetCookies(cluster.ProxyUrl)["vrs_affinity"];
            Assert.True(affinity is not null, "nginx set no vrs_affinity cookie on a first visit");
            if (first == instance)
            {
                return client;
            }

            client.Dispose();
        }

        throw new InvalidOperationException($"40 new browsers and none was sent to {instance}.");
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, Func<string> message)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, message());
            await Task.Delay(200);
        }
    }
}
