using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>Admin jobs and the served build across two replicas: one job at a time, and an activation followed by both.</summary>
public sealed partial class ReplicaTests
{
    /// <summary>How soon a replica follows an activation elsewhere: the follower polls every 2 s by default.</summary>
    private static readonly TimeSpan s_followWithin = TimeSpan.FromSeconds(5);

    [SkippableFact(Timeout = TestTimeout)]
    public async Task While_A_builds_an_index_B_refuses_another_naming_As_instance_and_job()
    {
        var (a, b, _) = await ReplicasAsync();
        // 2,000 trees at 50 ms each: running for the whole test; cancelled at its end.
        var jobId = await AdminApiClient.StartAsync(a.Admin, "/api/admin/builds", new { trees = 2000 });
        try
        {
            await AdminApiClient.WaitForAsync(a.Admin, jobId, j => j.GetProperty("done").GetInt64() >= 1, TimeSpan.FromMinutes(1));

            using var refused = await b.Admin.PostAsJsonAsync("/api/admin/builds", new { trees = 5 });
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var detail = problem.GetProperty("detail").GetString();
            Assert.Contains($"is running on {ReplicaPair.InstanceA}", detail, StringComparison.Ordinal);
            Assert.Contains("Index build:", detail, StringComparison.Ordinal);
            Assert.Contains("2000 trees", detail, StringComparison.Ordinal);
            // B started nothing: it has no job of its own.
            Assert.Equal(0, (await b.Admin.GetFromJsonAsync<JsonElement>("/api/admin/jobs")).GetArrayLength());
        }
        finally
        {
            // The lease goes back when the job ends; the other tests need it free.
            using var cancelled = await a.Admin.PostAsync(new Uri($"/api/admin/jobs/{jobId}/cancel", UriKind.Relative), null);
            await AdminApiClient.WaitAsync(a.Admin, jobId, TimeSpan.FromMinutes(1));
        }
    }

    [SkippableFact(Timeout = TestTimeout)]
    public async Task A_build_activated_on_A_is_served_by_B_within_5_s_and_B_answers_throughout()
    {
        var (a, b, connectionString) = await ReplicasAsync();
        var query = (await ProductIdsAsync(connectionString))[0];
        var before = await AdminApiClient.ServingBuildAsync(b.Client);
        var job = await AdminApiClient.WaitAsync(a.Admin, await AdminApiClient.StartAsync(a.Admin, "/api/admin/builds", new { trees = 5 }), TimeSpan.FromMinutes(1));
        Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString());
        var built = job.GetProperty("buildId").GetInt32();
        Assert.NotEqual(before, built);

        using var polling = new CancellationTokenSource();
        var answers = AskSimilarUntilCancelledAsync(b.Client, query, polling.Token);
        await Task.Delay(300); // B answers on the old build first

        using (var activated = await a.Admin.PostAsync(new Uri($"/api/admin/builds/{built}/activate", UriKind.Relative), null))
        {
            Assert.True(activated.StatusCode == HttpStatusCode.OK, await activated.Content.ReadAsStringAsync());
        }

        var followed = Stopwatch.StartNew();
        int serving;
        while ((serving = await AdminApiClient.ServingBuildAsync(b.Client)) != built && followed.Elapsed < s_followWithin)
        {
            await Task.Delay(50);
        }

        followed.Stop();
        await Task.Delay(300); // and on the new one after
        await polling.CancelAsync();
        var (asked, failures) = await answers;

        Assert.True(serving == built, $"B still served build {serving}, not {built}, {s_followWithin.TotalSeconds} s after A activated it.");
        Assert.Empty(failures);
        Assert.True(asked >= 10, $"Only {asked} similar-items requests were made during the switch.");
    }

    /// <summary>
    /// Asks <paramref name="client"/>'s replica for 5 products like <paramref name="query"/> one request after another until
    /// cancelled; returns how many were asked and every one that did not answer 200 with 5 results.
    /// </summary>
    private static async Task<(int Asked, List<string> Failures)> AskSimilarUntilCancelledAsync(HttpClient client, int query, CancellationToken ct)
    {
        var asked = 0;
        var failures = new List<string>();
        var uri = new Uri($"/api/products/{query}/similar?k=5", UriKind.Relative);
        while (!ct.IsCancellationRequested)
        {
            asked++;
            try
            {
                // Not cancelled by ct: a request in flight finishes and is judged.
                using var response = await client.GetAsync(uri, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.OK || JsonDocument.Parse(body).RootElement.GetProperty("results").GetArrayLength() != 5)
                {
                    failures.Add($"{(int)response.StatusCode}: {body}");
                }
            }
            catch (HttpRequestException e)
            {
                failures.Add(e.Message);
            }
        }

        return (asked, failures);
    }
}
