using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>Read-side queries over the products table, shared by the pages and the API.</summary>
public sealed class ProductCatalog(IDbContextFactory<VisualRecSysDbContext> dbFactory, ProductDirectory directory)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// A page of products ordered by id, optionally of one category and with titles containing some text, read from the
    /// <see cref="ProductDirectory"/>: the count is the snapshot's (no COUNT per request) and a page is a position in the
    /// sorted ids (no OFFSET scan), or the first ids after <paramref name="after"/> (keyset), which stays correct while
    /// products are added or removed between pages.
    /// </summary>
    /// <param name="page">1-based page number; ignored when <paramref name="after"/> is given (the page is then the one that cursor starts).</param>
    /// <param name="pageSize">Products per page, 1–<see cref="MaxPageSize"/>.</param>
    /// <param name="category">A category name, or null for all.</param>
    /// <param name="ct">Cancels loading the snapshot.</param>
    /// <param name="titleContains">Text the titles must contain (ASCII letters in any case), or null.</param>
    /// <param name="after">Keyset cursor: list the products with ids above it.</param>
    /// <exception cref="ArgumentOutOfRangeException">page or pageSize out of range.</exception>
    public async Task<ProductListing> ListAsync(int page, int pageSize, string? category, CancellationToken ct, string? titleContains = null, int? after = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        var snapshot = await directory.GetAsync(ct);
        var filter = string.IsNullOrEmpty(category) ? null : category;
        ReadOnlySpan<int> ids = string.IsNullOrWhiteSpace(titleContains)
            ? snapshot.IdsIn(filter)
            : snapshot.IdsWithTitle(titleContains, filter);
        long start;
        if (after is { } cursor)
        {
            var at = ids.BinarySearch(cursor);
            start = at >= 0 ? at + 1 : ~at;
            page = (int)(start / pageSize) + 1;
        }
        else
        {
            start = (long)(page - 1) * pageSize;
        }

        var items = new List<ProductSummary>(pageSize);
        for (var i = start; i < Math.Min(ids.Length, start + pageSize); i++)
        {
            if (snapshot.TryGet(ids[(int)i], out var product))
            {
                items.Add(product);
            }
        }

        int? next = start + pageSize < ids.Length && items.Count > 0 ? items[^1].Id : null;
        return new ProductListing(page, pageSize, ids.Length, items) { NextAfter = next };
    }

    /// <summary>One product in the store, or null when there is no product with that id or it is hidden (<see cref="FindHiddenAsync"/>).</summary>
    public async Task<ProductSummary?> FindAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Where(p => p.Id == id && !db.HiddenProducts.Any(h => h.ProductId == p.Id))
            .Select(p => new ProductSummary(p.Id, p.Title, p.Category!.Name, ProductSummary.ImageUrlFor(p.Id, ImageSizes.Large)))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// How product <paramref name="id"/> is hidden from the store as a duplicate, or null when it is not hidden (or does
    /// not exist). One query: the 404 of a hidden product names the product kept in its place.
    /// </summary>
    public async Task<HiddenDuplicate?> FindHiddenAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.HiddenProducts.AsNoTracking()
            .Where(h => h.ProductId == id)
            .Select(h => new HiddenDuplicate(
                h.KeptProductId != null && db.Products.Any(p => p.Id == h.KeptProductId)
                    && !db.HiddenProducts.Any(k => k.ProductId == h.KeptProductId)
                    ? h.KeptProductId
                    : null))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The relative image file of a product, or null when there is no such product.</summary>
    public async Task<string?> FindImageFileAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Where(p => p.Id == id).Select(p => p.ImageFile).SingleOrDefaultAsync(ct);
    }

    /// <summary>All category names that have products, in ordinal order (from the snapshot: no query per page).</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken ct) => (await directory.GetAsync(ct)).Categories;
}
