using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Index.Forest;

/// <summary>Seeded Gaussian clusters: the shape of real embeddings (many near neighbours), small enough for unit tests.</summary>
internal static class ClusteredData
{
    public static (EmbeddingMatrix Matrix, float[][] Queries) Create(int count, int dimension, int queries, int seed, int clusters = 50)
    {
        var random = new Random(seed);
        var centres = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            centres[c] = Enumerable.Range(0, dimension).Select(_ => (float)Gaussian(random) * 3f).ToArray();
        }

        float[] Point()
        {
            var centre = centres[random.Next(clusters)];
            return centre.Select(v => v + (float)Gaussian(random)).ToArray();
        }

        var vectors = new float[count * dimension];
        for (var i = 0; i < count; i++)
        {
            Point().CopyTo(vectors, i * dimension);
        }

        // Ids are not row numbers, so tests notice a mix-up between the two.
        var ids = Enumerable.Range(0, count).Select(i => 1000 + (i * 7)).ToArray();
        var matrix = new EmbeddingMatrix("test-model", dimension, ids, vectors);
        return (matrix, Enumerable.Range(0, queries).Select(_ => Point()).ToArray());
    }

    /// <summary>Mean fraction of the exact top-k that the approximate top-k found.</summary>
    public static double Recall(IVectorIndex approximate, ExactIndex exact, float[][] queries, int k, Func<IVectorIndex, float[], SearchHit[], int>? search = null)
    {
        var found = 0;
        var truth = new SearchHit[k];
        var hits = new SearchHit[k];
        foreach (var query in queries)
        {
            var t = exact.Search(query, k, truth, SearchFilter.None);
            var n = search?.Invoke(approximate, query, hits) ?? approximate.Search(query, k, hits, SearchFilter.None);
            var expected = truth.Take(t).Select(h => h.Id).ToHashSet();
            found += hits.Take(n).Count(h => expected.Contains(h.Id));
        }

        return (double)found / (queries.Length * k);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
