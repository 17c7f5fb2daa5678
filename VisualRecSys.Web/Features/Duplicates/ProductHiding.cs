using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Features.Duplicates;

/// <summary>A product hidden from the store, as the admin page and API list it.</summary>
public sealed record HiddenProductView(int Id, string Title, string Category, string ImageUrl, int? KeptProductId, DateTimeOffset HiddenAt, string? HiddenBy);

/// <summary>
/// Hides duplicates from the store and shows them again: rows of <c>HiddenProducts</c> in the database (so every replica and
/// every restart agrees), then the product snapshot is dropped, so store pages, listings, counts and searches leave them
/// out from the next request on (other replicas within <see cref="ProductDirectory.MaxAge"/>).
/// </summary>
public sealed class ProductHiding(IDbContextFactory<VisualRecSysDbContext> dbFactory, ProductDirectory directory, TimeProvider clock)
{
    /// <summary>The most products one request may hide.</summary>
    public const int MaxHide = 1_000;

    /// <summary>Attempts at hiding when a concurrent hide of the same products wins the race (each retry sees its rows).</summary>
    private const int MaxAttempts = 3;

    /// <summary>Hides <paramref name="hide"/>, keeping <paramref name="keep"/> in the store (showing it again if it was hidden).</summary>
    /// <returns>How many products were newly hidden.</returns>
    /// <exception cref="ArgumentException">Nothing to hide, too many, the kept product among them, or an id that is no product; the message says which.</exception>
    public async Task<int> HideAsync(int keep, IReadOnlyList<int> hide, string? by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hide);
        var ids = hide.Distinct().ToArray();
        if (ids.Length == 0)
        {
            throw new ArgumentException("'hide' names no product: give the ids of the duplicates to hide.");
        }

        if (ids.Length > MaxHide)
        {
            throw new ArgumentException($"'hide' names {ids.Length:N0} products; at most {MaxHide:N0} are hidden at once.");
        }

        if (ids.Contains(keep))
        {
            throw new ArgumentException($"Product {keep} is both kept and hidden: keep one product of the cluster and hide the others.");
        }

        // Two admins hiding the same product at once both find no row and both insert it; the unique index refuses the
        // second insert. That admin's wish is already true, so the attempt is made again on what the first one stored.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var added = await HideOnceAsync(keep, ids, by, ct);
                directory.Invalidate();
                return added;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private async Task<int> HideOnceAsync(int keep, int[] ids, string? by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        int[] asked = [.. ids, keep];
        var existing = await db.Products.AsNoTracking().Where(p => asked.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var missing = asked.Except(existing).Order().ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"No product has the id {string.Join(", ", missing)}: hide products of the catalog.");
        }

        var rows = await db.HiddenProducts.Where(h => asked.Contains(h.ProductId)).ToListAsync(ct);
        db.HiddenProducts.RemoveRange(rows.Where(r => r.ProductId == keep));
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var id in ids)
        {
            if (rows.Find(r => r.ProductId == id) is { } row)
            {
                row.KeptProductId = keep;
            }
            else
            {
                db.HiddenProducts.Add(new HiddenProduct { ProductId = id, KeptProductId = keep, HiddenAt = now, HiddenBy = by });
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Shows product <paramref name="productId"/> in the store again.</summary>
    /// <returns>Whether it was hidden.</returns>
    public async Task<bool> ShowAsync(int productId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.HiddenProducts.Where(h => h.ProductId == productId).ExecuteDeleteAsync(ct);
        directory.Invalidate();
        return removed > 0;
    }

    /// <summary>The ids of every hidden product.</summary>
    public async Task<IReadOnlySet<int>> HiddenIdsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.HiddenProducts.AsNoTracking().Select(h => h.ProductId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Every hidden product, most recently hidden first.</summary>
    public async Task<IReadOnlyList<HiddenProductView>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.HiddenProducts.AsNoTracking()
            .Join(db.Products, h => h.ProductId, p => p.Id, (h, p) => new { h.ProductId, p.Title, Category = p.Category!.Name, h.KeptProductId, h.HiddenAt, h.HiddenBy, h.Id })
            .ToListAsync(ct);
        // Ordered here: the hidden time is stored as ticks by a converter, and the row id orders the same way.
        return
        [
            .. rows.OrderByDescending(r => r.Id).Select(r => new HiddenProductView(r.ProductId, r.Title, r.Category,
                ProductSummary.ImageUrlFor(r.ProductId, ImageSizes.Small), r.KeptProductId, r.HiddenAt, r.HiddenBy)),
        ];
    }
}
