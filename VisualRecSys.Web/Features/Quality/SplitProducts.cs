using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>The products of the evaluation splits with their categories, as the evaluator's labelled items, and their item keys.</summary>
internal sealed class SplitProducts
{
    private static readonly string[] s_splits = [ProductSplit.Test, ProductSplit.Query, ProductSplit.Train, ProductSplit.Catalog, ProductSplit.Gallery];

    private readonly ILookup<string, LabelledItem> _bySplit;

    private SplitProducts(IReadOnlyList<string> categories, ILookup<string, LabelledItem> bySplit, IReadOnlyDictionary<int, string> itemKeys)
    {
        Categories = categories;
        _bySplit = bySplit;
        ItemKeys = itemKeys;
    }

    /// <summary>Every category's name, ordinal order; <see cref="LabelledItem.Category"/> indexes it.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The item key (<see cref="Product.ItemKey"/>) of each product here that has one, by product id.</summary>
    public IReadOnlyDictionary<int, string> ItemKeys { get; }

    public static async Task<SplitProducts> LoadAsync(VisualRecSysDbContext db, CancellationToken ct)
    {
        // Every category, even one without evaluation products: the report lists it with 0 queries.
        var categories = (await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        var indexById = categories.Select((c, index) => (c.Id, index)).ToDictionary(c => c.Id, c => c.index);
        var products = await db.Products.AsNoTracking()
            .Where(p => s_splits.Contains(p.Split))
            .Select(p => new { p.Id, p.CategoryId, p.Split, p.ItemKey })
            .ToListAsync(ct);
        return new SplitProducts(
            [.. categories.Select(c => c.Name)],
            products.OrderBy(p => p.Id).ToLookup(p => p.Split!, p => new LabelledItem(p.Id, indexById[p.CategoryId])),
            products.Where(p => p.ItemKey is not null).ToDictionary(p => p.Id, p => p.ItemKey!));
    }

    /// <summary>Whether some product of <paramref name="split"/> carries an item key.</summary>
    public bool HasItemKeys(string split) => _bySplit[split].Any(p => ItemKeys.ContainsKey(p.Id));

    /// <summary>
    /// The products of <paramref name="preferred"/>, or of <paramref name="fallback"/> when there are none, keeping those
    /// with a vector in <paramref name="embeddings"/>.
    /// </summary>
    public Selection Select(string preferred, string fallback, EmbeddingMatrix embeddings)
    {
        var split = _bySplit[preferred].Any() ? preferred : fallback;
        var all = _bySplit[split].ToList();
        var withVector = all.Where(p => embeddings.TryGetRow(p.Id, out _)).ToArray();
        return new Selection(split, all.Count, withVector);
    }

    /// <summary>The split chosen, how many products it has, and those with a vector.</summary>
    public sealed record Selection(string Split, int Products, LabelledItem[] WithVector)
    {
        public int WithoutVector => Products - WithVector.Length;
    }
}
