using System.Diagnostics;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Bench.Index.Datasets;
using VisualRecSys.Bench.Index.Indexes;
using VisualRecSys.Engine.Index.Exact;
using static System.FormattableString;

namespace VisualRecSys.Bench.Index;

/// <summary>
/// Measures an index against exact search on one dataset: exact top-10 ground truth (batch search on every core),
/// exact single-query throughput, then for each trees value the build time and file size, and for each searchK the
/// recall@10 and single-thread latency of every query.
/// </summary>
internal sealed class IndexBenchmark(TextWriter log)
{
    /// <summary>Recall the default searchK grid keeps extending towards.</summary>
    public const double TargetRecall = 0.95;

    // Doublings allowed beyond the default grid while the target recall is not reached.
    private const int MaxExtraSearchKs = 6;

    /// <summary>Annoy's default (trees × k) and a spread up to 20,000 candidates, ascending and distinct.</summary>
    /// <remarks>
    /// Steps of about 1.5× between 500 and 3,000, where a 10-tree forest crosses recall 0.95 at 240K rows: with
    /// 1,000 and 2,000 alone, the curve's most useful point fell between them (0.934 and 0.971).
    /// </remarks>
    public static IReadOnlyList<int> DefaultSearchKs(int trees) =>
        new[] { trees * IndexBenchSettings.K, 500, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000 }.Distinct().Order().ToArray();

    /// <param name="data">The dataset.</param>
    /// <param name="settings">Grid, metric, seed and timing counts.</param>
    /// <param name="builder">The index under test.</param>
    /// <param name="workDirectory">Where index files are written (and deleted afterwards).</param>
    /// <param name="datasetSeconds">How long loading or generating the dataset took, for the report.</param>
    public IndexBenchReport Run(BenchDataset data, IndexBenchSettings settings, IBenchIndexBuilder builder, string workDirectory, double datasetSeconds)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(builder);
        const int K = IndexBenchSettings.K;
        var queryCount = data.QueryCount;

        Log(Invariant($"Dataset {data.Name}: {data.Base.Count:N0} × {data.Base.Dimension}, {queryCount:N0} queries, {Name(settings.Metric)} ({datasetSeconds:F1} s to load or generate)"));
        if (settings.Metric == DistanceMetric.Angular)
        {
            data.NormalizeBaseInPlace();
        }

        var truth = new SearchHit[queryCount * K];
        var truthCounts = new int[queryCount];
        var (groundTruthSeconds, exactQps) = MeasureExact(data, settings, truth, truthCounts);

        // The exact index's normalized copy of the vectors is as big as the dataset: gone before any index is built.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        var rows = new List<IndexBenchRow>();
        var trees = builder.HasParameters ? settings.Trees : [0];
        Directory.CreateDirectory(workDirectory);
        try
        {
            foreach (var treeCount in trees)
            {
                rows.AddRange(RunTrees(data, settings, builder, treeCount, truth, truthCounts, workDirectory));
            }
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        return new IndexBenchReport
        {
            Dataset = data.Name,
            Count = data.Base.Count,
            Dim = data.Base.Dimension,
            Metric = Name(settings.Metric),
            ExactQps = Math.Round(exactQps, 1),
            Rows = rows,
            Index = builder.Name,
            Queries = queryCount,
            Seed = settings.Seed,
            DatasetSeconds = Math.Round(datasetSeconds, 2),
            GroundTruthSeconds = Math.Round(groundTruthSeconds, 2),
            Date = DateTimeOffset.UtcNow,
            Machine = MachineInfo.Current(),
            Command = settings.Command,
        };
    }

    /// <summary>The metric as written on the command line and in the report.</summary>
    public static string Name(DistanceMetric metric) => metric.ToString().ToLowerInvariant();

    private List<IndexBenchRow> RunTrees(
        BenchDataset data, IndexBenchSettings settings, IBenchIndexBuilder builder, int treeCount, SearchHit[] truth, int[] truthCounts, string workDirectory)
    {
        var started = Stopwatch.GetTimestamp();
        using var index = builder.Build(data.Base, settings.Metric, treeCount, settings.Seed);
        var buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var bytes = index.SaveAndMeasureBytes(Path.Combine(workDirectory, $"{builder.Name}-{treeCount}.index"));
        var what = builder.HasParameters ? Invariant($"{builder.Name}, {treeCount} trees") : builder.Name;
        Log(Invariant($"{what}: built in {buildSeconds:F1} s, {bytes / 1e6:F1} MB"));

        var rows = new List<IndexBenchRow>();
        IReadOnlyList<int> grid = builder.HasParameters ? settings.SearchK ?? DefaultSearchKs(treeCount) : [0];
        var searchKs = new Queue<int>(grid);
        var extra = 0;
        while (searchKs.TryDequeue(out var searchK))
        {
            var row = MeasureSearch(index, data, settings, treeCount, searchK, truth, truthCounts) with
            {
                BuildSeconds = Math.Round(buildSeconds, 3),
                IndexBytes = bytes,
            };
            rows.Add(row);
            Log(Invariant($"  search_k {searchK,6}: recall@10 {row.RecallAt10:F4}, {row.Qps,9:F1} q/s, p50 {row.P50Ms:F3} ms, p99 {row.P99Ms:F3} ms"));

            // The default grid goes on doubling until the target recall is reached (or every item is a candidate).
            if (settings.SearchK is null && builder.HasParameters && searchKs.Count == 0 && row.RecallAt10 < TargetRecall
                && searchK < data.Base.Count && extra++ < MaxExtraSearchKs)
            {
                searchKs.Enqueue(searchK * 2);
            }
        }

        return rows;
    }

    private static IndexBenchRow MeasureSearch(
        IBenchIndex index, BenchDataset data, IndexBenchSettings settings, int treeCount, int searchK, SearchHit[] truth, int[] truthCounts)
    {
        const int K = IndexBenchSettings.K;
        var queryCount = data.QueryCount;
        var hits = new SearchHit[K];
        WarmUp(settings, queryCount, q => index.Search(data.Query(q), K, Math.Max(searchK, 1), hits));

        var ticks = new long[queryCount];
        var recall = 0.0;
        var loopStarted = Stopwatch.GetTimestamp();
        for (var q = 0; q < queryCount; q++)
        {
            var query = data.Query(q);
            var before = Stopwatch.GetTimestamp();
            var found = index.Search(query, K, Math.Max(searchK, 1), hits);
            ticks[q] = Stopwatch.GetTimestamp() - before;
            recall += RecallAtK.Of(truth.AsSpan(q * K, truthCounts[q]), hits.AsSpan(0, found));
        }

        var totalSeconds = Stopwatch.GetElapsedTime(loopStarted).TotalSeconds;
        Array.Sort(ticks);
        return new IndexBenchRow
        {
            Trees = treeCount,
            SearchK = searchK,
            BuildSeconds = 0,
            IndexBytes = 0,
            RecallAt10 = queryCount == 0 ? 1 : Math.Round(recall / queryCount, 4),
            Qps = queryCount == 0 ? 0 : Math.Round(queryCount / totalSeconds, 1),
            P50Ms = Math.Round(Latencies.PercentileMs(ticks, 50), 4),
            P99Ms = Math.Round(Latencies.PercentileMs(ticks, 99), 4),
        };
    }

    /// <summary>Ground truth and the exact single-thread rate, in a method of their own so the exact index dies with it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private (double GroundTruthSeconds, double ExactQps) MeasureExact(BenchDataset data, IndexBenchSettings settings, SearchHit[] truth, int[] truthCounts)
    {
        var exact = new ExactIndex(data.Base, settings.Metric);
        var started = Stopwatch.GetTimestamp();
        exact.SearchBatch(data.Queries, IndexBenchSettings.K, truth, truthCounts, maxDegreeOfParallelism: -1);
        var groundTruthSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Log(Invariant($"Ground truth (exact top {IndexBenchSettings.K}, all cores): {groundTruthSeconds:F2} s"));

        var exactQps = MeasureExactQps(exact, data, settings);
        Log(Invariant($"Exact search, one thread: {exactQps:F1} queries/s"));
        return (groundTruthSeconds, exactQps);
    }

    private static double MeasureExactQps(ExactIndex exact, BenchDataset data, IndexBenchSettings settings)
    {
        var n = Math.Min(settings.ExactQueries, data.QueryCount);
        if (n == 0)
        {
            return 0;
        }

        var hits = new SearchHit[IndexBenchSettings.K];
        WarmUp(settings, n, q => exact.Search(data.Query(q), IndexBenchSettings.K, hits, SearchFilter.None));

        var started = Stopwatch.GetTimestamp();
        for (var q = 0; q < n; q++)
        {
            exact.Search(data.Query(q), IndexBenchSettings.K, hits, SearchFilter.None);
        }

        return n / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// Untimed searches before a timed series: at least <see cref="IndexBenchSettings.WarmupQueries"/> and at least
    /// <see cref="IndexBenchSettings.WarmupSeconds"/>, because tiered JIT compilation needs both calls and time
    /// before a method runs its final code (cut short after five passes over the queries).
    /// </summary>
    private static void WarmUp(IndexBenchSettings settings, int queryCount, Action<int> search)
    {
        if (queryCount == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        for (var done = 0; done < 5 * queryCount; done++)
        {
            if (done >= settings.WarmupQueries && Stopwatch.GetElapsedTime(started).TotalSeconds >= settings.WarmupSeconds)
            {
                return;
            }

            search(done % queryCount);
        }
    }

    private void Log(string message) => log.WriteLine(message);
}
