using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>
/// Recall@10 of a new build against exact search, on a seeded sample of its own products (each query excluded from
/// both answers), with the build's default search_k: the figure the build history shows.
/// </summary>
public static class RecallSample
{
    /// <summary>Neighbours compared per query.</summary>
    public const int K = 10;

    /// <summary>Queries measured unless configured otherwise.</summary>
    public const int DefaultQueries = 200;

    // Fixed, so that two builds over the same vectors are measured on the same products.
    private const int Seed = 42;

    /// <summary>Mean recall@10 over up to <paramref name="queries"/> products of <paramref name="matrix"/>.</summary>
    /// <param name="matrix">The vectors the forest was built over.</param>
    /// <param name="forest">The new build.</param>
    /// <param name="queries">How many products to query (all when fewer).</param>
    /// <param name="done">Receives the number of queries measured.</param>
    /// <param name="ct">Stops between queries.</param>
    public static double Measure(EmbeddingMatrix matrix, ForestIndex forest, int queries, IProgress<int>? done, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(forest);
        var rows = SampleRows(matrix.Count, queries);
        if (rows.Length == 0)
        {
            return 1.0;
        }

        var exact = new ExactIndex(matrix, forest.Metric);
        var truth = new SearchHit[K];
        var found = new SearchHit[K];
        var sum = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var query = matrix.Vector(rows[i]);
            var filter = new SearchFilter { ExcludeId = matrix.Ids[rows[i]] };
            var expected = exact.Search(query, K, truth, filter);
            var got = forest.Search(query, K, found, filter);
            sum += RecallAtK.Of(truth.AsSpan(0, expected), found.AsSpan(0, got));
            done?.Report(i + 1);
        }

        return sum / rows.Length;
    }

    /// <summary>How many queries <see cref="Measure"/> runs on <paramref name="count"/> products.</summary>
    public static int QueriesFor(int count, int queries) => Math.Min(count, Math.Max(0, queries));

    private static int[] SampleRows(int count, int queries)
    {
        var all = Enumerable.Range(0, count).ToArray();
        var take = QueriesFor(count, queries);
        var random = new Random(Seed);
        // A partial Fisher–Yates shuffle: the first `take` entries are a uniform sample.
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, count);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all[..take];
    }
}
