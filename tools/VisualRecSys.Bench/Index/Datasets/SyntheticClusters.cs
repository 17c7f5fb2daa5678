using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Index.Datasets;

/// <summary>
/// <c>synthetic</c>: Gaussian clusters of any size, for machines without the Fashion-MNIST package. 100 centres
/// with N(0, 1) coordinates; every base point and query is a random centre plus N(0, 0.5²) noise per coordinate,
/// so neighbours are mostly, but not only, in the same cluster.
/// </summary>
internal static class SyntheticClusters
{
    public const string Name = "synthetic";
    public const int DefaultCount = 100_000;
    public const int DefaultDimension = 128;
    public const int Clusters = 100;
    public const float Spread = 0.5f;

    private const int CentresStream = 0;
    private const int BaseStream = 1;
    private const int QueryStream = 2;

    public static BenchDataset Generate(int count, int dimension, int queryCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(queryCount);
        var centres = new float[Clusters * dimension];
        new SeededRandom(seed, CentresStream, 0).FillGaussian(centres, 1f);

        var vectors = Points(centres, count, dimension, seed, BaseStream);
        var queries = Points(centres, queryCount, dimension, seed, QueryStream);
        return new BenchDataset(Name, new EmbeddingMatrix(Name, dimension, Enumerable.Range(0, count).ToArray(), vectors), queries, queryCount);
    }

    private static float[] Points(float[] centres, int count, int dimension, int seed, int stream)
    {
        var points = new float[(long)count * dimension];
        Parallel.For(0, count, i =>
        {
            var random = new SeededRandom(seed, stream, i);
            var centre = centres.AsSpan(random.NextInt(Clusters) * dimension, dimension);
            var point = points.AsSpan(i * dimension, dimension);
            random.FillGaussian(point, Spread);
            System.Numerics.Tensors.TensorPrimitives.Add(point, centre, point);
        });
        return points;
    }
}
