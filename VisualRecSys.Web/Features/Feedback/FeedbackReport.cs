using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Feedback;

/// <summary>Reads the stored thumbs up/down for analysts: filtered listings, human precision per category, pair lookups.</summary>
public sealed class FeedbackReport(IDbContextFactory<VisualRecSysDbContext> dbFactory)
{
    /// <summary>Page <paramref name="page"/> (1-based) of the labels <paramref name="filter"/> keeps, newest first.</summary>
    public async Task<FeedbackListing> ListAsync(FeedbackFilter filter, int page, int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = Rows(db, filter);
        var total = await rows.CountAsync(ct);
        var items = await Newest(rows).Skip((page - 1) * pageSize).Take(pageSize).Select(ToRow).ToListAsync(ct);
        return new FeedbackListing(total, items);
    }

    /// <summary>Every label <paramref name="filter"/> keeps, newest first, read as they are enumerated (for exports).</summary>
    public async IAsyncEnumerable<FeedbackRow> StreamAsync(FeedbackFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var row in Newest(Rows(db, filter)).Select(ToRow).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    /// <summary>Human precision per query category of the labels <paramref name="filter"/> keeps.</summary>
    public async Task<HumanPrecisionReport> PrecisionAsync(FeedbackFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await Rows(db, filter)
            .Select(x => new { x.QueryCategory, x.Feedback.Label })
            .GroupBy(x => x.QueryCategory)
            .Select(g => new { Category = g.Key, Labels = g.Count(), ThumbsUp = g.Count(x => x.Label > 0) })
            .ToListAsync(ct);
        var byCategory = groups
            .Select(g => new HumanPrecision(g.Category, g.Labels, g.ThumbsUp))
            .OrderBy(p => p.Category is null)
            .ThenBy(p => p.Category, StringComparer.Ordinal)
            .ToList();
        return new HumanPrecisionReport(byCategory, new HumanPrecision(null, byCategory.Sum(p => p.Labels), byCategory.Sum(p => p.ThumbsUp)));
    }

    /// <summary>Thumbs up and down per (query, result) for queries of <paramref name="queryProductIds"/>, over all users, builds and models.</summary>
    public async Task<IReadOnlyDictionary<(int Query, int Result), PairFeedback>> ForQueriesAsync(IReadOnlyCollection<int> queryProductIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queryProductIds);
        if (queryProductIds.Count == 0)
        {
            return new Dictionary<(int, int), PairFeedback>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pairs = await db.Feedback.AsNoTracking()
            .Where(f => f.QueryProductId != null && queryProductIds.Contains(f.QueryProductId.Value))
            .GroupBy(f => new { Query = f.QueryProductId!.Value, Result = f.ResultProductId })
            .Select(g => new { g.Key.Query, g.Key.Result, Up = g.Count(f => f.Label > 0), Down = g.Count(f => f.Label < 0) })
            .ToListAsync(ct);
        return pairs.ToDictionary(p => (p.Query, p.Result), p => new PairFeedback(p.Up, p.Down));
    }

    /// <summary>The index builds some label names, newest first (the feedback view's build filter).</summary>
    public async Task<IReadOnlyList<int>> BuildsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Feedback.AsNoTracking()
            .Where(f => f.IndexBuildId != null)
            .Select(f => f.IndexBuildId!.Value)
            .Distinct()
            .OrderByDescending(id => id)
            .ToListAsync(ct);
    }

    /// <summary>The labels with their query's and result's categories, filtered in SQL.</summary>
    private static IQueryable<Labelled> Rows(VisualRecSysDbContext db, FeedbackFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows =
            from f in db.Feedback.AsNoTracking()
            join result in db.Products on f.ResultProductId equals result.Id
            join query in db.Products on f.QueryProductId equals query.Id into queries
            from query in queries.DefaultIfEmpty()
            select new Labelled
            {
                Feedback = f,
                QueryCategory = query == null ? null : query.Category!.Name,
                ResultCategory = result.Category!.Name,
            };

        if (filter.Category is { } category)
        {
            rows = rows.Where(x => x.QueryCategory == category);
        }

        if (filter.Label is int label)
        {
            rows = rows.Where(x => x.Feedback.Label == label);
        }

        if (filter.BuildId is int build)
        {
            rows = rows.Where(x => x.Feedback.IndexBuildId == build);
        }

        if (filter.ModelId is { } model)
        {
            rows = rows.Where(x => x.Feedback.ModelId == model);
        }

        if (filter.From is { } from)
        {
            var start = StartOfDay(from);
            rows = rows.Where(x => x.Feedback.UpdatedAt >= start);
        }

        if (filter.To is { } to)
        {
            // Up to the end of that day: before the next one starts.
            var end = StartOfDay(to.AddDays(1));
            rows = rows.Where(x => x.Feedback.UpdatedAt < end);
        }

        return rows;
    }

    private static IQueryable<Labelled> Newest(IQueryable<Labelled> rows) =>
        rows.OrderByDescending(x => x.Feedback.UpdatedAt).ThenByDescending(x => x.Feedback.Id);

    private static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static readonly System.Linq.Expressions.Expression<Func<Labelled, FeedbackRow>> ToRow = x => new FeedbackRow(
        x.Feedback.Id,
        x.Feedback.CreatedAt,
        x.Feedback.UpdatedAt,
        x.Feedback.QueryKey,
        x.Feedback.QueryProductId,
        x.QueryCategory,
        x.Feedback.ResultProductId,
        x.ResultCategory,
        x.Feedback.Label,
        x.Feedback.IndexBuildId,
        x.Feedback.ModelId,
        x.Feedback.UserKey);

    /// <summary>A label joined with its categories; a class with settable members so EF can filter through it.</summary>
    private sealed class Labelled
    {
        public required Data.Feedback Feedback { get; init; }

        public string? QueryCategory { get; init; }

        public required string ResultCategory { get; init; }
    }
}
