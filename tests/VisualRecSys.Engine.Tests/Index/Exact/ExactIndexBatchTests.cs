using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Index.Exact;

/// <summary>
/// <see cref="ExactIndex.SearchBatch"/> must give exactly what one <see cref="ExactIndex.Search"/> per query gives,
/// whatever the row count (tails of 0-3 rows), query count (tiles of 4 and leftovers) and dimension (SIMD tails).
/// </summary>
public sealed class ExactIndexBatchTests
{
    private static EmbeddingMatrix Matrix(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count * dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return new EmbeddingMatrix("m", dimension, Enumerable.Range(0, count).Select(i => 500 + (3 * i)).ToArray(), vectors);
    }

    private static float[] Queries(int count, int dimension, int seed) => Matrix(count, dimension, seed).Vectors.ToArray();

    [Theory]
    [InlineData(DistanceMetric.Angular, 1000, 33, 130, 10)]
    [InlineData(DistanceMetric.Euclidean, 997, 16, 9, 7)]
    [InlineData(DistanceMetric.Dot, 301, 5, 4, 10)]
    [InlineData(DistanceMetric.Angular, 3, 17, 5, 10)]
    [InlineData(DistanceMetric.Euclidean, 6, 64, 3, 6)]
    [InlineData(DistanceMetric.Dot, 1, 1, 2, 1)]
    public void Matches_one_search_per_query(DistanceMetric metric, int count, int dimension, int queryCount, int k)
    {
        var index = new ExactIndex(Matrix(count, dimension, seed: count), metric);
        var queries = Queries(queryCount, dimension, seed: 99);
        var batch = new SearchHit[queryCount * k];
        var counts = new int[queryCount];

        Assert.Equal(queryCount, index.SearchBatch(queries, k, batch, counts, maxDegreeOfParallelism: 2));

        var single = new SearchHit[k];
        for (var q = 0; q < queryCount; q++)
        {
            var written = index.Search(queries.AsSpan(q * dimension, dimension), k, single, SearchFilter.None);
            Assert.Equal(written, counts[q]);
            // Same kernels, same order of operations: identical ids and bit-identical scores.
            Assert.Equal(single.Take(written), batch.Skip(q * k).Take(written));
        }
    }

    [Fact]
    public void Results_do_not_depend_on_the_degree_of_parallelism()
    {
        var index = new ExactIndex(Matrix(700, 24, seed: 3), DistanceMetric.Angular);
        var queries = Queries(77, 24, seed: 4);
        var one = new SearchHit[77 * 5];
        var many = new SearchHit[77 * 5];
        var counts = new int[77];

        index.SearchBatch(queries, 5, one, counts, maxDegreeOfParallelism: 1);
        index.SearchBatch(queries, 5, many, counts, maxDegreeOfParallelism: -1);

        Assert.Equal(one, many);
    }

    [Fact]
    public void Guards_reject_bad_arguments()
    {
        var index = new ExactIndex(Matrix(10, 4, seed: 5), DistanceMetric.Dot);
        var hits = new SearchHit[20];
        var counts = new int[2];

        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchBatch(new float[8], 0, hits, counts));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchBatch(new float[8], 3, hits, counts, maxDegreeOfParallelism: 0));
        Assert.Throws<ArgumentException>(() => index.SearchBatch(new float[7], 3, hits, counts));
        Assert.Throws<ArgumentException>(() => index.SearchBatch(new float[8], 11, hits, counts));
        Assert.Throws<ArgumentException>(() => index.SearchBatch(new float[12], 3, hits, counts));
        Assert.Throws<ArgumentException>(() => index.SearchBatch([1, 2, 3, float.NaN], 3, hits, counts));
    }

    [Fact]
    public void No_queries_or_no_rows_give_nothing()
    {
        var empty = new ExactIndex(new EmbeddingMatrix("m", 4, [], []), DistanceMetric.Angular);
        var counts = new[] { 9, 9 };

        Assert.Equal(2, empty.SearchBatch(new float[8], 3, new SearchHit[6], counts));
        Assert.Equal([0, 0], counts);
        Assert.Equal(0, new ExactIndex(Matrix(5, 4, seed: 6), DistanceMetric.Angular).SearchBatch([], 3, [], []));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    public void Search_returns_every_row_once_whatever_the_row_count(int count)
    {
        // Row counts that are not multiples of four end with an overlapping (or scalar) tail that must not repeat rows.
        var index = new ExactIndex(Matrix(count, 20, seed: count), DistanceMetric.Euclidean);
        var hits = new SearchHit[count];

        Assert.Equal(count, index.Search(Queries(1, 20, seed: 1), count, hits, SearchFilter.None));
        Assert.Equal(Enumerable.Range(0, count).Select(i => 500 + (3 * i)).Order(), hits.Select(h => h.Id).Order());
    }
}
