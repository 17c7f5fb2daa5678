using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>One approximate search, shaped as <see cref="IVectorIndex.Search"/>.</summary>
/// <returns>The number of hits written to <paramref name="destination"/>.</returns>
public delegate int ApproximateSearch(ReadOnlySpan<float> query, int k, Span<SearchHit> destination, in SearchFilter filter);

/// <summary>
/// The approximate index an evaluation measures (recall against exact search, latency per query). It must hold at
/// least the gallery's items, with the same ids; it may hold more (the queries, other splits): the evaluator's filter
/// keeps its answers inside the gallery.
/// </summary>
public sealed class ApproximateIndex
{
    /// <summary>Wraps a search function.</summary>
    /// <param name="description">What is measured, for the report (e.g. <c>forest, 100 trees, search_k 1000</c>).</param>
    /// <param name="metric">The metric the index ranks by; the evaluation's exact search must use the same one.</param>
    /// <param name="search">The search; called from one thread at a time.</param>
    public ApproximateIndex(string description, DistanceMetric metric, ApproximateSearch search)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(search);
        Description = description;
        Metric = metric;
        Search = search;
    }

    /// <summary>What is measured, for the report.</summary>
    public string Description { get; }

    /// <summary>The metric the index ranks by.</summary>
    public DistanceMetric Metric { get; }

    /// <summary>The search.</summary>
    public ApproximateSearch Search { get; }

    /// <summary>Any index, searched with its own defaults.</summary>
    public static ApproximateIndex Of(IVectorIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new ApproximateIndex(index.GetType().Name, index.Metric, index.Search);
    }

    /// <summary>A forest searched with <paramref name="searchK"/> candidates per query (the app serves with <see cref="ForestIndex.DefaultSearchK"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="searchK"/> is not positive.</exception>
    public static ApproximateIndex Of(ForestIndex forest, int searchK)
    {
        ArgumentNullException.ThrowIfNull(forest);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(searchK);
        return new ApproximateIndex(
            FormattableString.Invariant($"forest, {forest.TreeCount} trees, search_k {searchK}"),
            forest.Metric,
            (ReadOnlySpan<float> query, int k, Span<SearchHit> destination, in SearchFilter filter) => forest.Search(query, k, searchK, destination, filter));
    }
}
