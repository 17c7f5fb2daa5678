using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Testing;
using Xunit.Abstractions;

namespace VisualRecSys.Web.Tests.Features.Feedback;

/// <summary>
/// SQLite under concurrent writers (WAL, busy timeout): 50 shoppers voting at once through the API lose no vote and
/// write no duplicate.
/// </summary>
public sealed class ConcurrentFeedbackTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 50;
    private const int VotesEach = 100;

    private AppFactory Factory { get; } = new();
    private WebApplicationFactory<Program> _app = default!;

    public async Task InitializeAsync()
    {
        _app = Factory.WithSettings(TestHosts.NoRateLimits);
        using var client = _app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Fifty_concurrent_writers_of_a_hundred_labels_each_store_exactly_five_thousand_rows()
    {
        var ids = await ProductIdsAsync();
        var start = new TaskCompletionSource();
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            // Each writer is another shopper (its own session cookie) voting on its own query's results.
            client.DefaultRequestHeaders.Add("Cookie", $"vrs-session={Guid.NewGuid():N}");
            await start.Task;
            var failures = 0;
            for (var v = 0; v < VotesEach; v++)
            {
                var query = ids[(w + (v / ids.Count)) % ids.Count];
                var result = ids[v % ids.Count];
                using var response = await client.PostAsJsonAsync("/api/feedback",
                    new { queryProductId = query, resultId = result, label = v % 3 == 0 ? "down" : "up" });
                failures += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
            }

            return failures;
        })).ToList();

        start.SetResult();
        var failed = (await Task.WhenAll(writers)).Sum();
        output.WriteLine($"{Writers} × {VotesEach} votes in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(0, failed);
        var factory = _app.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(Writers * VotesEach, await db.Feedback.CountAsync());
        Assert.Equal(Writers, await db.Feedback.Select(f => f.UserKey).Distinct().CountAsync());
        Assert.Equal(Writers * Enumerable.Range(0, VotesEach).Count(v => v % 3 == 0), await db.Feedback.CountAsync(f => f.Label == -1));
    }

    private async Task<List<int>> ProductIdsAsync()
    {
        var factory = _app.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Products.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await Factory.DisposeAsync();
    }
}
