using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// An in-memory snapshot of every product's id, title and category (<see cref="ProductSnapshot"/>, about 45 bytes a
/// product: 90 MB at 2M), so the hot paths (similar products, store pages, counts) never touch the database. Products hidden
/// from the store as duplicates are left out. Dropped when this process changes the catalog or hides or shows products
/// (<see cref="Invalidate"/>); every <see cref="MaxAge"/> a cheap fingerprint (counts and highest ids of products and of
/// hidden products) tells whether another process did, and only then is it reloaded.
/// </summary>
public sealed class ProductDirectory(IDbContextFactory<VisualRecSysDbContext> dbFactory) : IDisposable
{
    /// <summary>How stale a snapshot may get before the next lookup checks the database's fingerprint.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private ProductSnapshot? _snapshot;

    /// <summary>Full loads so far (the counts are cached between them): for tests and the status page.</summary>
    public int Loads => Volatile.Read(ref _loads);

    private int _loads;

    /// <summary>The current snapshot, loading or refreshing it when needed (one load at a time; others keep using the old one).</summary>
    public async ValueTask<ProductSnapshot> GetAsync(CancellationToken ct)
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
                current = await RefreshAsync(current, ct);
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

    private async Task<ProductSnapshot> RefreshAsync(ProductSnapshot? current, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var fingerprint = await FingerprintAsync(connection, ct);
        if (current is not null && current.Fingerprint == fingerprint)
        {
            return current.Renewed(DateTime.UtcNow);
        }

        Interlocked.Increment(ref _loads);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var builder = new ProductSnapshot.Builder(categories);
        var hidden = (await db.HiddenProducts.AsNoTracking().Select(h => h.ProductId).ToListAsync(ct)).ToHashSet();
        await using var command = connection.CreateCommand();
        // Raw ADO.NET: no entity or record per product (2M of them cost seconds and hundreds of MB on the way in).
        command.CommandText = """SELECT "Id", "CategoryId", "Title" FROM "Products" ORDER BY "Id" """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt32(0);
            if (!hidden.Contains(id))
            {
                builder.Add(id, reader.GetInt32(1), reader.GetString(2));
            }
        }

        return builder.Build(fingerprint, DateTime.UtcNow);
    }

    /// <summary>What changes when products are added, removed, hidden or shown: their numbers and highest ids (one index read each).</summary>
    private static async Task<CatalogFingerprint> FingerprintAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM "Products"), (SELECT COALESCE(MAX("Id"), 0) FROM "Products"),
                   (SELECT COUNT(*) FROM "HiddenProducts"), (SELECT COALESCE(MAX("Id"), 0) FROM "HiddenProducts")
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        // COUNT is a 64-bit integer on both providers, MAX("Id") a 32-bit one on PostgreSQL: read each as what it is.
        return new CatalogFingerprint(Read(0), Read(1), Read(2), Read(3));

        long Read(int column) => Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);
    }
}
