using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using VisualRecSys.Web.Features.Feedback;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>Feedback through two replicas: one database, so every label is seen by both and none is lost under load.</summary>
public sealed partial class ReplicaTests
{
    private const int WritersPerReplica = 25;
    private const int LabelsPerWriter = 100;

    [SkippableFact(Timeout = TestTimeout)]
    public async Task A_label_posted_through_either_replica_is_in_the_other_replicas_feedback_report()
    {
        var (a, b, connectionString) = await ReplicasAsync();
        var products = await ProductIdsAsync(connectionString);
        var throughA = new Vote(NewSession(), products[0], products[1], "up");
        var throughB = new Vote(NewSession(), products[2], products[3], "down");
        using var toA = a.App.CreateDefaultClient();
        using var toB = b.App.CreateDefaultClient();

        using (var postedToA = await PostAsync(toA, throughA))
        using (var postedToB = await PostAsync(toB, throughB))
        {
            Assert.Equal(HttpStatusCode.OK, postedToA.StatusCode);
            Assert.Equal(HttpStatusCode.OK, postedToB.StatusCode);
        }

        // Read back through the other replica's report, as an analyst behind the load balancer could land on either.
        Assert.Equal(throughA, await ReportedVoteAsync(b.Admin, throughA.Session));
        Assert.Equal(throughB, await ReportedVoteAsync(a.Admin, throughB.Session));
    }

    [SkippableFact(Timeout = TestTimeout)]
    public async Task Fifty_concurrent_writers_through_two_replicas_store_every_label_once_and_none_fails()
    {
        var (a, b, connectionString) = await ReplicasAsync();
        var products = await ProductIdsAsync(connectionString);
        using var toA = a.App.CreateDefaultClient();
        using var toB = b.App.CreateDefaultClient();
        var sessions = Enumerable.Range(0, 2 * WritersPerReplica).Select(_ => NewSession()).ToArray();
        var failures = new ConcurrentQueue<string>();

        // Writer w posts through A when w is even, B when odd; each its own session and 100 distinct (query, result) pairs.
        var writers = sessions.Select((session, w) => Task.Run(async () =>
        {
            var client = w % 2 == 0 ? toA : toB;
            for (var i = 0; i < LabelsPerWriter; i++)
            {
                var vote = new Vote(session, products[(w + (i / products.Count)) % products.Count], products[i % products.Count], i % 2 == 0 ? "up" : "down");
                try
                {
                    using var response = await PostAsync(client, vote);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"{vote}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"{vote}: {e.Message}");
                }
            }
        }));
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Empty(failures);
        var userKeys = sessions.Select(SessionCookie.UserKey).ToArray();
        var stored = await PostgreSqlReplicas.QueryAsync(connectionString,
            "SELECT COUNT(*) FROM \"Feedback\" WHERE \"UserKey\" = ANY(@keys)", new NpgsqlParameter<string[]>("keys", userKeys));
        Assert.Equal([2L * WritersPerReplica * LabelsPerWriter], stored);
    }

    /// <summary>One label as the API takes it, with the anonymous session that gave it.</summary>
    private sealed record Vote(string Session, int Query, int Result, string Label);

    /// <summary>Posts <paramref name="vote"/> in its session (a client without a cookie jar: the header is the session).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Vote vote)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/feedback", UriKind.Relative))
        {
            Content = JsonContent.Create(new { queryProductId = vote.Query, resultId = vote.Result, label = vote.Label }),
        };
        request.Headers.Add("Cookie", $"{SessionCookie.Name}={vote.Session}");
        return await client.SendAsync(request);
    }

    /// <summary>The one label of <paramref name="session"/> in the feedback report (CSV) of the replica <paramref name="analyst"/> talks to.</summary>
    private static async Task<Vote> ReportedVoteAsync(HttpClient analyst, string session)
    {
        var csv = await analyst.GetStringAsync(new Uri("/api/quality/feedback.csv", UriKind.Relative));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // No field of these rows holds a comma (categories, ids, keys): a split reads them.
        var header = lines[0].Split(',').ToList();
        var row = Assert.Single(lines.Skip(1).Select(l => l.Split(',')), f => f[header.IndexOf("user_key")] == SessionCookie.UserKey(session));
        return new Vote(session, int.Parse(row[header.IndexOf("query_product_id")], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(row[header.IndexOf("result_product_id")], System.Globalization.CultureInfo.InvariantCulture), row[header.IndexOf("label")]);
    }
}
