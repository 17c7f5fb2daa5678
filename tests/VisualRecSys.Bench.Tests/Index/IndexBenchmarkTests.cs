using VisualRecSys.Engine.Index;
using VisualRecSys.Bench.Index;
using VisualRecSys.Bench.Index.Datasets;
using VisualRecSys.Bench.Index.Indexes;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Tests.Index;

/// <summary>The harness through its index seam, with an index whose recall is known in advance.</summary>
public sealed class IndexBenchmarkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-bench-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static IndexBenchSettings Settings(IReadOnlyList<int>? searchK = null) => new()
    {
        Dataset = SyntheticClusters.Name,
        JsonPath = "unused.json",
        Trees = [3],
        SearchK = searchK,
        WarmupQueries = 1,
        WarmupSeconds = 0,
    };

    [Fact]
    public void Recall_is_the_fraction_of_true_neighbours_returned()
    {
        var data = SyntheticClusters.Generate(count: 500, dimension: 8, queryCount: 20, seed: 1);

        var report = new IndexBenchmark(TextWriter.Null).Run(data, Settings([1, 2]), new HalfRightIndex.Builder(), _directory, 0);

        // searchK 1: the exact answer with its last five hits replaced by wrong ids; searchK 2: the exact answer.
        Assert.Equal([0.5, 1.0], report.Rows.Select(r => r.RecallAt10));
        Assert.All(report.Rows, r => Assert.Equal((3, 123L), (r.Trees, r.IndexBytes)));
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void The_default_grid_is_extended_until_the_target_recall_is_reached()
    {
        var data = SyntheticClusters.Generate(count: 100_000, dimension: 2, queryCount: 5, seed: 2);

        var report = new IndexBenchmark(TextWriter.Null).Run(data, Settings(), new HalfRightIndex.Builder(exactFrom: 60_000), _directory, 0);

        Assert.Equal([30, 500, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000, 40_000, 80_000], report.Rows.Select(r => r.SearchK));
        Assert.Equal(1.0, report.Rows[^1].RecallAt10);
    }

    /// <summary>Exact search that spoils half of the answer while searchK is below a threshold.</summary>
    private sealed class HalfRightIndex(ExactIndex exact, int exactFrom) : IBenchIndex
    {
        public int Search(ReadOnlySpan<float> query, int k, int searchK, Span<SearchHit> destination)
        {
            var found = exact.Search(query, k, destination, SearchFilter.None);
            if (searchK < exactFrom)
            {
                for (var i = found / 2; i < found; i++)
                {
                    destination[i] = new SearchHit(-1 - i, 0f);
                }
            }

            return found;
        }

        public long SaveAndMeasureBytes(string path) => 123;

        public void Dispose()
        {
        }

        public sealed class Builder(int exactFrom = 2) : IBenchIndexBuilder
        {
            public string Name => "half-right";

            public bool HasParameters => true;

            public IBenchIndex Build(EmbeddingMatrix matrix, DistanceMetric metric, int trees, int seed) =>
                new HalfRightIndex(new ExactIndex(matrix, metric), exactFrom);
        }
    }
}
