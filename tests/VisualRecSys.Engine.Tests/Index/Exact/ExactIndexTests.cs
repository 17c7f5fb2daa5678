using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Index.Exact;

public sealed class ExactIndexTests
{
    private const int Dimension = 33; // not a multiple of any SIMD width, so remainders are exercised

    private static EmbeddingMatrix RandomMatrix(int count, int seed, int dimension = Dimension)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, count).Select(i => 1000 + (i * 7)).ToArray();
        var vectors = new float[count * dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return new EmbeddingMatrix("test-model", dimension, ids, vectors);
    }

    private static float[] RandomQuery(int seed, int dimension = Dimension)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, dimension).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }

    /// <summary>Scalar double-precision scoring, sorted best first with ties to the lower row.</summary>
    private static (int Id, double Score)[] BruteForce(EmbeddingMatrix matrix, DistanceMetric metric, float[] query, int k, Func<int, bool>? accept = null)
    {
        var hits = new List<(int Row, int Id, double Score)>();
        for (var row = 0; row < matrix.Count; row++)
        {
            var id = matrix.Ids[row];
            if (accept is not null && !accept(id))
            {
                continue;
            }

            var v = matrix.Vector(row);
            double dot = 0, qq = 0, vv = 0, d2 = 0;
            for (var i = 0; i < query.Length; i++)
            {
                dot += query[i] * (double)v[i];
                qq += query[i] * (double)query[i];
                vv += v[i] * (double)v[i];
                d2 += (query[i] - (double)v[i]) * (query[i] - (double)v[i]);
            }

            var score = metric switch
            {
                DistanceMetric.Angular => qq == 0 || vv == 0 ? 0 : dot / Math.Sqrt(qq * vv),
                DistanceMetric.Dot => dot,
                _ => -Math.Sqrt(d2),
            };
            hits.Add((row, id, score));
        }

        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.Row).Take(k).Select(h => (h.Id, h.Score)).ToArray();
    }

    [Theory]
    [InlineData(DistanceMetric.Angular, 1)]
    [InlineData(DistanceMetric.Angular, 10)]
    [InlineData(DistanceMetric.Euclidean, 1)]
    [InlineData(DistanceMetric.Euclidean, 25)]
    [InlineData(DistanceMetric.Dot, 10)]
    [InlineData(DistanceMetric.Dot, 400)]
    public void Matches_a_scalar_brute_force_reference(DistanceMetric metric, int k)
    {
        var matrix = RandomMatrix(400, seed: 42);
        var index = new ExactIndex(matrix, metric);
        var hits = new SearchHit[k];

        for (var q = 0; q < 5; q++)
        {
            var query = RandomQuery(seed: 100 + q);
            var written = index.Search(query, k, hits, SearchFilter.None);
            var expected = BruteForce(matrix, metric, query, k);

            Assert.Equal(expected.Length, written);
            Assert.Equal(expected.Select(e => e.Id), hits.Take(written).Select(h => h.Id));
            for (var i = 0; i < written; i++)
            {
                Assert.Equal(expected[i].Score, hits[i].Score, 1e-4);
            }
        }
    }

    [Fact]
    public void Unit_length_vectors_are_scored_as_they_are_without_a_normalized_copy()
    {
        var raw = RandomMatrix(count: 20_000, seed: 21);
        var vectors = raw.Vectors.ToArray();
        for (var row = 0; row < raw.Count; row++)
        {
            var v = vectors.AsSpan(row * Dimension, Dimension);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
            System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
        }

        var unit = new EmbeddingMatrix("test-model", Dimension, raw.Ids.ToArray(), vectors);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var index = new ExactIndex(unit, DistanceMetric.Angular);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A copy would be 20,000 × 33 floats = 2.6 MB.
        Assert.True(allocated < 100_000, $"{allocated:N0} bytes allocated");
        var query = RandomQuery(5);
        var hits = new SearchHit[10];
        var found = index.Search(query, 10, hits, SearchFilter.None);
        var expected = BruteForce(raw, DistanceMetric.Angular, query, 10);
        Assert.Equal(expected.Select(h => h.Id), hits.Take(found).Select(h => h.Id));
        Assert.All(hits.Take(found).Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-4));
    }

    [Fact]
    public void ExcludeId_leaves_out_the_query_item()
    {
        var matrix = RandomMatrix(200, seed: 5);
        var index = new ExactIndex(matrix, DistanceMetric.Angular);
        var query = new float[Dimension];
        Assert.True(index.TryGetVector(1070, query));
        var hits = new SearchHit[5];

        index.Search(query, 5, hits, SearchFilter.None);
        Assert.Equal(1070, hits[0].Id);
        Assert.Equal(1f, hits[0].Score, 1e-5);

        var written = index.Search(query, 5, hits, new SearchFilter { ExcludeId = 1070 });
        Assert.Equal(5, written);
        Assert.DoesNotContain(hits, h => h.Id == 1070);

        // An id the index does not hold excludes nothing.
        index.Search(query, 5, hits, new SearchFilter { ExcludeId = -1 });
        Assert.Equal(1070, hits[0].Id);
    }

    [Fact]
    public void Accept_filters_ids()
    {
        var matrix = RandomMatrix(300, seed: 6);
        var index = new ExactIndex(matrix, DistanceMetric.Euclidean);
        var query = RandomQuery(seed: 7);
        Func<int, bool> evenOnly = id => id % 2 == 0;
        var hits = new SearchHit[20];

        var written = index.Search(query, 20, hits, new SearchFilter { Accept = evenOnly });

        var expected = BruteForce(matrix, DistanceMetric.Euclidean, query, 20, evenOnly);
        Assert.Equal(20, written);
        Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Id));
    }

    [Fact]
    public void K_larger_than_count_returns_count()
    {
        var index = new ExactIndex(RandomMatrix(12, seed: 8), DistanceMetric.Dot);
        var hits = new SearchHit[12];

        Assert.Equal(12, index.Search(RandomQuery(9), 1000, hits, SearchFilter.None));
        Assert.Equal(11, index.Search(RandomQuery(9), 1000, hits, new SearchFilter { ExcludeId = 1000 }));
        Assert.Equal(0, index.Search(RandomQuery(9), 5, hits, new SearchFilter { Accept = _ => false }));
    }

    [Fact]
    public void Results_are_sorted_best_first()
    {
        var index = new ExactIndex(RandomMatrix(500, seed: 10), DistanceMetric.Angular);
        var hits = new SearchHit[50];
        var written = index.Search(RandomQuery(11), 50, hits, SearchFilter.None);

        for (var i = 1; i < written; i++)
        {
            Assert.True(hits[i - 1].Score >= hits[i].Score);
        }
    }

    [Fact]
    public void Zero_vectors_score_zero_not_NaN()
    {
        var vectors = new float[3 * 4];
        vectors[4] = 1; // row 1 = (1,0,0,0); rows 0 and 2 are zero
        var index = new ExactIndex(new EmbeddingMatrix("m", 4, [10, 11, 12], vectors), DistanceMetric.Angular);
        var hits = new SearchHit[3];

        Assert.Equal(3, index.Search([1, 0, 0, 0], 3, hits, SearchFilter.None));
        Assert.Equal(new SearchHit(11, 1f), hits[0]);
        Assert.Equal(new SearchHit(10, 0f), hits[1]);
        Assert.Equal(new SearchHit(12, 0f), hits[2]);

        // A zero query has no direction: everything scores 0, ties in row order.
        index.Search([0, 0, 0, 0], 3, hits, SearchFilter.None);
        Assert.Equal([10, 11, 12], hits.Select(h => h.Id));
        Assert.All(hits, h => Assert.Equal(0f, h.Score));
    }

    [Fact]
    public void Guards_reject_bad_arguments()
    {
        var index = new ExactIndex(RandomMatrix(10, seed: 12), DistanceMetric.Angular);
        var hits = new SearchHit[10];
        var query = RandomQuery(13);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(query, 0, hits, SearchFilter.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(query, -3, hits, SearchFilter.None));
        Assert.Throws<ArgumentException>(() => index.Search(new float[Dimension - 1], 3, hits, SearchFilter.None));
        Assert.Throws<ArgumentException>(() => index.Search(Enumerable.Repeat(float.NaN, Dimension).ToArray(), 3, hits, SearchFilter.None));
        Assert.Throws<ArgumentException>(() => index.Search(query, 5, new SearchHit[4], SearchFilter.None));
        Assert.Throws<ArgumentException>(() => index.TryGetVector(1000, new float[Dimension + 1]));
    }

    [Fact]
    public void TryGetVector_and_Contains_use_ids_and_return_the_original_vector()
    {
        var matrix = RandomMatrix(20, seed: 14);
        var index = new ExactIndex(matrix, DistanceMetric.Angular);
        var vector = new float[Dimension];

        Assert.True(index.Contains(1007));
        Assert.False(index.Contains(1008));
        Assert.True(index.TryGetVector(1007, vector));
        Assert.Equal(matrix.Vector(1).ToArray(), vector); // not the normalized copy
        Assert.False(index.TryGetVector(5, vector));
        Assert.Equal((20, Dimension, DistanceMetric.Angular), (index.Count, index.Dimension, index.Metric));
    }

    [Fact]
    public void Empty_index_returns_nothing()
    {
        var index = new ExactIndex(new EmbeddingMatrix("m", 8, [], []), DistanceMetric.Dot);
        Assert.Equal(0, index.Search(new float[8], 5, [], SearchFilter.None));
    }

    [Theory]
    [InlineData(DistanceMetric.Angular)]
    [InlineData(DistanceMetric.Euclidean)]
    [InlineData(DistanceMetric.Dot)]
    public void Search_does_not_allocate(DistanceMetric metric)
    {
        var index = new ExactIndex(RandomMatrix(2000, seed: 15, dimension: 512), metric);
        var query = RandomQuery(16, dimension: 512);
        var hits = new SearchHit[20];
        Func<int, bool> accept = id => id % 3 != 0;
        var filter = new SearchFilter { ExcludeId = 1007, Accept = accept };
        Assert.Equal(0, SteadyAllocations.Measure(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                index.Search(query, 20, hits, filter);
                index.Search(query, 5, hits, SearchFilter.None);
            }
        }));
    }
}
