using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>Read-side queries over the products table, shared by the pages and the API.</summary>
public sealed class ProductCatalog(IDbContextFactory<VisualRecSysDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    /// <summary>A page of products ordered by id, optionally of one category.</summary>
    /// <param name="page">1-based page number.</param>
    /// <param name="pageSize">Products per page, 1–<see cref="MaxPageSize"/>.</param>
    /// <param name="category">A category name, or null for all.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <exception cref="ArgumentOutOfRangeException">page or pageSize out of range.</exception>
    public async Task<ProductListing> ListAsync(int page, int pageSize, string? category, CancellationToken ct, string? titleContains = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrEmpty(category))
        {
            query = query.Where(p => p.Category!.Name == category);
        }

        if (!string.IsNullOrWhiteSpace(titleContains))
        {
            var text = titleContains.Trim();
            // Case-insensitive for ASCII letters on both providers: SQLite's LIKE is, PostgreSQL's is not, and both
            // databases' lower() change ASCII letters only (PostgreSQL's under the columns' "C" collation).
            // (ToLower here is SQL's lower(), never run in .NET: the culture rules do not apply.)
#pragma warning disable CA1304, CA1311
            query = query.Where(p => EF.Functions.Like(p.Title.ToLower(), $"%{EscapeLike(AsciiLower(text))}%", @"\"));
#pragma warning restore CA1304, CA1311
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new ProductSummary(p.Id, p.Title, p.Category!.Name, ProductSummary.ImageUrlFor(p.Id, ImageSizes.Card)))
            .ToListAsync(ct);
        return new ProductListing(page, pageSize, total, items);
    }

    /// <summary>One product, or null when there is no product with that id.</summary>
    public async Task<ProductSummary?> FindAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new ProductSummary(p.Id, p.Title, p.Category!.Name, ProductSummary.ImageUrlFor(p.Id, ImageSizes.Large)))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The relative image file of a product, or null when there is no such product.</summary>
    public async Task<string?> FindImageFileAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Where(p => p.Id == id).Select(p => p.ImageFile).SingleOrDefaultAsync(ct);
    }

    /// <summary>All category names that have products, alphabetically.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Categories.AsNoTracking().Where(c => c.Products.Any())
            .OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
    }

    /// <summary>Makes % and _ in user text match themselves in a LIKE pattern.</summary>
    private static string AsciiLower(string text) =>
        string.Create(text.Length, text, (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
            }
        });

    private static string EscapeLike(string text) => text
        .Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal)
        .Replace("_", @"\_", StringComparison.Ordinal);
}
