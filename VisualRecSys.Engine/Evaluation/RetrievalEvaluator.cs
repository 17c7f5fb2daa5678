using System.Diagnostics;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>
/// Measures retrieval quality with category labels as ground truth: every query is searched exactly against the
/// gallery (itself left out), and a neighbour is relevant when it shares the query's category. Optionally measures an
/// approximate index against that exact answer (recall@k, latency). See <see cref="EvaluationReport"/> for the figures.
/// </summary>
public static class RetrievalEvaluator
{
    /// <summary>Queries listed per category in <see cref="EvaluationReport.WorstQueries"/>.</summary>
    public const int WorstQueriesPerCategory = 5;

    // Precision is always reported at 1, 5 and 10, so at least 10 neighbours are fetched whatever k is.
    private const int DeepestFixedCutoff = 10;

    // Queries per exact batch: a few batch groups per core, and progress and cancellation every few hundred queries.
    private const int QueriesPerBatch = 256;

    /// <summary>Runs the evaluation.</summary>
    /// <param name="input">Embeddings, queries, gallery, categories, k and the optional approximate index.</param>
    /// <param name="queriesDone">Receives how many queries are done, after each batch.</param>
    /// <param name="ct">Cancels between batches and between approximate searches.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The input is inconsistent (see <see cref="EvaluationInput.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <remarks>
    /// The exact search runs batched on up to <see cref="EvaluationInput.MaxDegreeOfParallelism"/> threads; the approximate
    /// searches run one at a time on one thread, so their latency is that of a lone query, as in <c>bench index</c>.
    /// Memory: two copies of the gallery's vectors (one normalized for angular) besides the input.
    /// </remarks>
    public static EvaluationReport Evaluate(EvaluationInput input, IProgress<int>? queriesDone = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var clock = Stopwatch.StartNew();

        var queries = QuerySample.Choose(input.Queries, input.QueryLimit, input.Seed);
        var gallery = new EvaluationGallery(input.Embeddings, input.Gallery, input.Categories.Count);
        var exact = new ExactIndex(gallery.Matrix, input.Metric);
        var results = new QueryResults(queries, input.K, timed: input.Approximate is not null);
        var confusion = new ConfusionMatrix(input.Categories);
        new BatchRunner(input, gallery, exact, results, confusion).Run(queriesDone, ct);

        return ReportAssembly.Build(input, gallery, results, confusion, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The per-query work, with its buffers allocated once for the whole run.</summary>
    private sealed class BatchRunner(EvaluationInput input, EvaluationGallery gallery, ExactIndex exact, QueryResults results, ConfusionMatrix confusion)
    {
        // One more than wanted: the query itself may be in the gallery, and is dropped from its own results.
        private readonly int _depth = Math.Max(input.K, DeepestFixedCutoff) + 1;
        private readonly Func<int, bool> _inGallery = gallery.Contains;

        public void Run(IProgress<int>? queriesDone, CancellationToken ct)
        {
            var queries = results.Queries;
            var dimension = input.Embeddings.Dimension;
            var batch = Math.Min(QueriesPerBatch, queries.Length);
            var vectors = new float[batch * dimension];
            var hits = new SearchHit[batch * _depth];
            var counts = new int[batch];
            var ranked = new SearchHit[_depth];
            var relevant = new bool[_depth];
            var approximateHits = new SearchHit[input.K];
            WarmUpApproximate(queries[0], approximateHits);

            for (var first = 0; first < queries.Length; first += batch)
            {
                ct.ThrowIfCancellationRequested();
                var n = Math.Min(batch, queries.Length - first);
                for (var i = 0; i < n; i++)
                {
                    input.Embeddings.TryGetRow(queries[first + i].Id, out var row);
                    input.Embeddings.Vector(row).CopyTo(vectors.AsSpan(i * dimension, dimension));
                }

                exact.SearchBatch(vectors.AsSpan(0, n * dimension), _depth, hits, counts, input.MaxDegreeOfParallelism);
                for (var i = 0; i < n; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    var found = WithoutQuery(hits.AsSpan(i * _depth, counts[i]), queries[first + i].Id, ranked);
                    Score(first + i, vectors.AsSpan(i * dimension, dimension), ranked.AsSpan(0, found), relevant, approximateHits);
                }

                queriesDone?.Report(first + n);
            }
        }

        /// <summary>
        /// One untimed approximate search, so the first timed one does not pay for compiling the search code and
        /// allocating the index's per-thread scratch (tens of milliseconds that would land in p95/p99 of a small run).
        /// </summary>
        private void WarmUpApproximate(LabelledItem query, Span<SearchHit> destination)
        {
            if (input.Approximate is { } approximate)
            {
                input.Embeddings.TryGetRow(query.Id, out var row);
                approximate.Search(input.Embeddings.Vector(row), input.K, destination, new SearchFilter { ExcludeId = query.Id, Accept = _inGallery });
            }
        }

        private void Score(int index, ReadOnlySpan<float> vector, ReadOnlySpan<SearchHit> ranked, Span<bool> relevant, Span<SearchHit> approximateHits)
        {
            var query = results.Queries[index];
            var k = input.K;
            var isRelevant = relevant[..ranked.Length];
            for (var j = 0; j < ranked.Length; j++)
            {
                var category = gallery.CategoryOf(ranked[j].Id);
                isRelevant[j] = category == query.Category;
                if (j < k)
                {
                    confusion.Add(query.Category, category);
                }
            }

            var truth = ranked[..Math.Min(k, ranked.Length)];
            double recall = 0, latencyMs = 0;
            if (input.Approximate is { } approximate)
            {
                var filter = new SearchFilter { ExcludeId = query.Id, Accept = _inGallery };
                var started = Stopwatch.GetTimestamp();
                var got = approximate.Search(vector, k, approximateHits, filter);
                latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                recall = RecallAtK.Of(truth, approximateHits[..got]);
            }

            var outcome = new QueryOutcome(
                RetrievalMetrics.PrecisionAtK(isRelevant, 1),
                RetrievalMetrics.PrecisionAtK(isRelevant, 5),
                RetrievalMetrics.PrecisionAtK(isRelevant, 10),
                RetrievalMetrics.PrecisionAtK(isRelevant, k),
                RetrievalMetrics.AveragePrecisionAtK(isRelevant, gallery.RelevantFor(query), k),
                recall);
            results.Record(index, outcome, truth, latencyMs);
        }

        /// <summary>Copies <paramref name="hits"/> to <paramref name="ranked"/> without the query's own id; returns how many remain.</summary>
        private static int WithoutQuery(ReadOnlySpan<SearchHit> hits, int queryId, Span<SearchHit> ranked)
        {
            var n = 0;
            foreach (var hit in hits)
            {
                if (hit.Id != queryId)
                {
                    ranked[n++] = hit;
                }
            }

            return n;
        }
    }
}
