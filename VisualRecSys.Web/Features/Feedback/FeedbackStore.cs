using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Features.Feedback;

/// <summary>Why a vote was not stored.</summary>
public enum FeedbackOutcome
{
    Stored,
    InvalidQuery,
    UnknownProduct,
}

/// <summary>Stores thumbs up/down labels: one per person, query and result (a new vote replaces the old).</summary>
public sealed class FeedbackStore(IDbContextFactory<VisualRecSysDbContext> dbFactory, ActiveIndex activeIndex, TimeProvider clock)
{
    /// <summary>Records <paramref name="vote"/>, with the build and model now serving.</summary>
    public async Task<(FeedbackOutcome Outcome, Data.Feedback? Stored)> RecordAsync(FeedbackVote vote, CancellationToken ct)
    {
        if (vote.Label is not (1 or -1) || !TryParseQuery(vote.QueryKey, out var queryProductId))
        {
            return (FeedbackOutcome.InvalidQuery, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = queryProductId is int q ? new[] { vote.ResultProductId, q } : [vote.ResultProductId];
        if (await db.Products.CountAsync(p => ids.Contains(p.Id), ct) != ids.Distinct().Count())
        {
            return (FeedbackOutcome.UnknownProduct, null);
        }

        var now = clock.GetUtcNow();
        var info = activeIndex.Info;
        var existing = await db.Feedback.SingleOrDefaultAsync(
            f => f.UserKey == vote.UserKey && f.QueryKey == vote.QueryKey && f.ResultProductId == vote.ResultProductId, ct);
        if (existing is null)
        {
            existing = new Data.Feedback
            {
                QueryKey = vote.QueryKey,
                QueryProductId = queryProductId,
                ResultProductId = vote.ResultProductId,
                UserKey = vote.UserKey,
                CreatedAt = now,
            };
            db.Feedback.Add(existing);
        }

        existing.Label = vote.Label;
        existing.IndexBuildId = info?.BuildId;
        existing.ModelId = info?.ModelId;
        existing.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (existing.Id == 0)
        {
            // The same person voted twice at once: the other request created the row; update it instead.
            return await RecordAsync(vote, ct);
        }

        return (FeedbackOutcome.Stored, existing);
    }

    /// <summary>This person's labels on the results of one query, by result product id.</summary>
    public async Task<Dictionary<int, int>> LabelsAsync(string userKey, string queryKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Feedback.AsNoTracking()
            .Where(f => f.UserKey == userKey && f.QueryKey == queryKey)
            .ToDictionaryAsync(f => f.ResultProductId, f => f.Label, ct);
    }

    private static bool TryParseQuery(string queryKey, out int? productId)
    {
        productId = null;
        if (queryKey.StartsWith("product:", StringComparison.Ordinal))
        {
            if (int.TryParse(queryKey.AsSpan(8), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                productId = id;
                return true;
            }

            return false;
        }

        return queryKey.StartsWith("upload:", StringComparison.Ordinal) && queryKey.Length == 7 + 64
            && queryKey.AsSpan(7).ContainsOnlyHexLowercase();
    }
}
