using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Tests.Features.Feedback;

/// <summary>
/// The same person's votes on the same result arriving at once (a double click, two tabs) are the expected case of the
/// one-row-per-pair rule: one row with the label voted, and nothing logged as an error or failure.
/// </summary>
public sealed class FeedbackRaceTests
{
    private const int Pairs = 6;
    private const int VotesAtOnce = 16;

    [Fact]
    public async Task Concurrent_votes_on_one_pair_leave_one_row_with_the_last_label_and_log_no_error()
    {
        var root = await EmbeddingHost.CreateCatalogAsync(perCategory: 1);
        try
        {
            await using var host = await EmbeddingHost.StartAsync(root);
            var factory = host.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
            var store = new FeedbackStore(factory, new ActiveIndex(), TimeProvider.System);
            int[] ids;
            await using (var db = await factory.CreateDbContextAsync())
            {
                ids = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).Take(Pairs + 1).ToArrayAsync();
            }

            var query = FeedbackVote.ProductQuery(ids[0]);
            // First every vote a new row races to insert; then every vote an existing row races to update.
            foreach (var label in (int[])[-1, 1])
            {
                var votes = ids[1..].SelectMany(result => Enumerable.Range(0, VotesAtOnce).Select(_ => result)).ToArray();
                using var start = new Barrier(votes.Length);
                var outcomes = await Task.WhenAll(votes.Select(result => Task.Run(async () =>
                {
                    start.SignalAndWait();
                    return (await store.RecordAsync(new FeedbackVote(query, result, label, "shopper"), CancellationToken.None)).Outcome;
                })));

                Assert.All(outcomes, outcome => Assert.Equal(FeedbackOutcome.Stored, outcome));
                await using var db = await factory.CreateDbContextAsync();
                var rows = await db.Feedback.AsNoTracking().OrderBy(f => f.ResultProductId).ToListAsync();
                Assert.Equal(ids[1..], rows.Select(f => f.ResultProductId));
                Assert.All(rows, row => Assert.Equal(label, row.Label));
            }

            var (_, stored) = await store.RecordAsync(new FeedbackVote(query, ids[1], -1, "shopper"), CancellationToken.None);
            Assert.Equal((ids[1], -1, query), (stored!.ResultProductId, stored.Label, stored.QueryKey));
            Assert.True(stored.Id > 0);
            Assert.DoesNotContain(host.Log, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
        }
        finally
        {
            EmbeddingHost.Delete(root);
        }
    }
}
