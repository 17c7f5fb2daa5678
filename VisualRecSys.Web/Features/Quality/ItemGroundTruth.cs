using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>
/// The instance ground truth of a catalog imported with a data set's item ids (DeepFashion In-shop): each query image,
/// by its stored vector, must find a gallery image of its item. It replaces edited copies on such a catalog, since the
/// data set's own photographs of an item (another pose, another shot) are what "photographed again" really looks like.
/// </summary>
internal static class ItemGroundTruth
{
    /// <summary>
    /// Whether the catalog has item ids to measure with: products of split <c>query</c> and of split <c>gallery</c> that
    /// carry item keys. The category evaluation then searches the query split among the gallery split too.
    /// </summary>
    public static bool AppliesTo(SplitProducts products) =>
        products.HasItemKeys(ProductSplit.Query) && products.HasItemKeys(ProductSplit.Gallery);

    /// <summary>Measures instance retrieval with item ids on the category evaluation's queries and gallery, or says why it cannot.</summary>
    /// <param name="request">Whether to measure (<see cref="EvaluationRequest.InstanceEdits"/> null: not) and the query sample size.</param>
    /// <param name="input">The category evaluation's input: its queries and gallery (with vectors), categories, seed and metric.</param>
    /// <param name="itemKeys">Item key by product id.</param>
    /// <param name="ct">Cancels the search.</param>
    /// <returns>
    /// The figures or why there are none, and how many query images were left out because no gallery image of their
    /// item has a vector (they could never be found: a gap in the catalog, not the model's miss).
    /// </returns>
    public static (InstanceEvaluation? Evaluation, string? NotMeasuredReason, int QueriesWithoutItemInGallery) Measure(
        EvaluationRequest request, EvaluationInput input, IReadOnlyDictionary<int, string> itemKeys, CancellationToken ct)
    {
        if (request.InstanceEdits is null)
        {
            return (null, "not asked for", 0);
        }

        // ItemImage numbers items; ordinal order of the keys makes the numbering the same on every run.
        var numbers = input.Queries.Concat(input.Gallery)
            .Select(p => itemKeys.GetValueOrDefault(p.Id))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select((key, number) => (key, number))
            .ToDictionary(k => k.key, k => k.number, StringComparer.Ordinal);
        ItemImage[] gallery = [.. Images(input.Gallery, itemKeys, numbers)];
        var galleryItems = gallery.Select(g => g.Item).ToHashSet();
        ItemImage[] queries = [.. Images(input.Queries, itemKeys, numbers).Where(q => galleryItems.Contains(q.Item))];
        var withoutItem = input.Queries.Count - queries.Length;
        if (queries.Length == 0)
        {
            return (null, "no query image has a gallery image of its item with a vector", withoutItem);
        }

        var evaluation = InstanceEvaluator.EvaluateItems(
            new ItemInstanceInput
            {
                Embeddings = input.Embeddings,
                Queries = queries,
                Gallery = gallery,
                Categories = input.Categories,
                QueryLimit = request.InstanceQueryLimit,
                Seed = input.Seed,
                Metric = input.Metric,
            },
            ct);
        return (evaluation, null, withoutItem);
    }

    private static IEnumerable<ItemImage> Images(IEnumerable<LabelledItem> products, IReadOnlyDictionary<int, string> itemKeys, Dictionary<string, int> numbers) =>
        products
            .Where(p => itemKeys.ContainsKey(p.Id))
            .Select(p => new ItemImage(p.Id, p.Category, numbers[itemKeys[p.Id]]));
}
