using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>Seeded vectors and random-projection trees in the neutral form, shaped like Annoy's (unit normals).</summary>
internal sealed class RandomForest
{
    private readonly Random _random;

    public RandomForest(int count, int dimension, int seed)
    {
        _random = new Random(seed);
        Count = count;
        Dimension = dimension;
        Vectors = [.. Enumerable.Range(0, count * dimension).Select(_ => (float)((_random.NextDouble() * 2) - 1))];
    }

    public int Count { get; }

    public int Dimension { get; }

    public float[] Vectors { get; }

    public ReadOnlySpan<float> Vector(int item) => Vectors.AsSpan(item * Dimension, Dimension);

    /// <summary>Splits until a node holds at most <paramref name="leafSize"/> items; a leaf may hold more than Annoy's K.</summary>
    public SplitNode Tree(DistanceMetric metric, int leafSize) =>
        Build(metric, [.. Enumerable.Range(0, Count).OrderBy(_ => _random.Next())], leafSize);

    public SplitNode[] Trees(DistanceMetric metric, int leafSize, int trees) =>
        [.. Enumerable.Range(0, trees).Select(_ => Tree(metric, leafSize))];

    private SplitNode Build(DistanceMetric metric, int[] items, int leafSize)
    {
        if (items.Length <= leafSize)
        {
            return new SplitLeaf(items);
        }

        // Two-means-like: the plane halfway between two random items, normal of unit length as Annoy keeps it.
        var a = Vector(items[_random.Next(items.Length)]);
        var b = Vector(items[_random.Next(items.Length)]);
        var normal = new float[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            normal[i] = a[i] - b[i];
        }

        var length = MathF.Sqrt(normal.Sum(v => v * v));
        var offset = 0f;
        for (var i = 0; i < Dimension; i++)
        {
            normal[i] = length > 0 ? normal[i] / length : 1f;
            offset -= metric == DistanceMetric.Euclidean ? normal[i] * (a[i] + b[i]) / 2 : 0f;
        }

        var positive = items.Where(item => offset + Dot(normal, Vector(item)) > 0).ToArray();
        var negative = items.Except(positive).ToArray();
        if (positive.Length == 0 || negative.Length == 0)
        {
            // Keep the trees finite whatever the draw: halve by position.
            negative = items[..(items.Length / 2)];
            positive = items[(items.Length / 2)..];
        }

        return new SplitInner(normal, offset, Build(metric, negative, leafSize), Build(metric, positive, leafSize));
    }

    private static float Dot(float[] x, ReadOnlySpan<float> y)
    {
        var sum = 0f;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
