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
        // One statement, insert or update: the same person voting on the same result twice at once (a double click, two
        // tabs) is the expected case of the one-row-per-pair rule, not a failure. A read-then-insert would lose that race
        // to the unique index and log the constraint error; INSERT ... ON CONFLICT (SQLite 3.24+, PostgreSQL 9.5+) cannot.
        var createdAt = ToProvider(db, nameof(Data.Feedback.CreatedAt), now);
        var updatedAt = ToProvider(db, nameof(Data.Feedback.UpdatedAt), now);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Feedback" ("QueryKey", "QueryProductId", "ResultProductId", "Label", "UserKey", "IndexBuildId", "ModelId", "CreatedAt", "UpdatedAt")
            VALUES ({vote.QueryKey}, {queryProductId}, {vote.ResultProductId}, {vote.Label}, {vote.UserKey}, {info?.BuildId}, {info?.ModelId}, {createdAt}, {updatedAt})
            ON CONFLICT ("UserKey", "QueryKey", "ResultProductId") DO UPDATE SET
                "Label" = excluded."Label", "IndexBuildId" = excluded."IndexBuildId", "ModelId" = excluded."ModelId", "UpdatedAt" = excluded."UpdatedAt"
            """, ct);
        var stored = await db.Feedback.AsNoTracking().SingleAsync(
            f => f.UserKey == vote.UserKey && f.QueryKey == vote.QueryKey && f.ResultProductId == vote.ResultProductId, ct);
        return (FeedbackOutcome.Stored, stored);
    }

    /// <summary><paramref name="value"/> as the column of <paramref name="property"/> stores it (the model's value converter: UTC ticks).</summary>
    private static object ToProvider(VisualRecSysDbContext db, string property, DateTimeOffset value)
    {
        var mapping = db.Model.FindEntityType(typeof(Data.Feedback))!.FindProperty(property)!.GetTypeMapping();
        return mapping.Converter?.ConvertToProvider(value) ?? value;
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
