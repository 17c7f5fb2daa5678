using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// An in-memory snapshot of every product's id, title and category, so the hot "similar" paths turn index hits
/// into products without a database round trip (70,000 products are a few MB). Refreshed when the catalog
/// changes (<see cref="Invalidate"/>) and at least every <see cref="MaxAge"/>, so imports by other processes show up.
/// </summary>
public sealed class ProductDirectory(IDbContextFactory<VisualRecSysDbContext> dbFactory) : IDisposable
{
    /// <summary>How stale a snapshot may get before the next lookup reloads it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The current snapshot, loading or refreshing it when needed (one load at a time; others keep using the old one).</summary>
    public async ValueTask<Snapshot> GetAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && DateTime.UtcNow - current.LoadedAt < MaxAge)
        {
            return current;
        }

        if (current is not null && !await _loading.WaitAsync(0, ct))
        {
            return current;
        }

        if (current is null)
        {
            await _loading.WaitAsync(ct);
        }

        try
        {
            current = Volatile.Read(ref _snapshot);
            if (current is null || DateTime.UtcNow - current.LoadedAt >= MaxAge)
            {
                current = await LoadAsync(ct);
                Volatile.Write(ref _snapshot, current);
            }

            return current;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    /// <summary>Drops the snapshot: the next lookup reloads (after imports and deletions).</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Products.AsNoTracking()
            .Select(p => new ProductSummary(p.Id, p.Title, p.Category!.Name, ProductSummary.ImageUrlFor(p.Id, ImageSizes.Card)))
            .ToListAsync(ct);
        var byCategory = rows.GroupBy(p => p.Category, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Id).ToFrozenSet(), StringComparer.Ordinal);
        return new Snapshot(rows.ToFrozenDictionary(p => p.Id), byCategory, DateTime.UtcNow);
    }

    /// <summary>Products by id and the ids of each category, as of <see cref="LoadedAt"/>.</summary>
    public sealed record Snapshot(
        FrozenDictionary<int, ProductSummary> Products,
        FrozenDictionary<string, FrozenSet<int>> IdsByCategory,
        DateTime LoadedAt)
    {
        /// <summary>The ids of a category (empty for an unknown one).</summary>
        public FrozenSet<int> IdsIn(string category) =>
            IdsByCategory.TryGetValue(category, out var ids) ? ids : FrozenSet<int>.Empty;
    }
}
