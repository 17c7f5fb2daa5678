using System.Numerics.Tensors;
using VisualRecSys.Engine.Heads.Whitening;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>
/// Whitening on synthetic products: 200 products spread a little in all 8 dimensions; each "photographed again" with a large
/// disturbance along dimensions 6–7 (the way a crop or a brightness change moves a real embedding). Raw cosine finds
/// the original of few copies; whitening learned from pairs shrinks the disturbed directions and finds most.
/// </summary>
public sealed class WhiteningTests
{
    private const int Dimension = 8;
    private const int Products = 200;

    [Fact]
    public void Whitening_learned_from_pairs_finds_the_originals_raw_vectors_miss()
    {
        var (originals, copies) = Photographs(seed: 1);
        var (trainOriginals, trainCopies) = Photographs(seed: 2);
        var whitening = BackboneWhitening.FitFromPairs(originals, Products, trainOriginals, trainCopies, Products, Dimension);

        var raw = FoundFirst(originals, copies, v => Unit(v));
        var whitened = FoundFirst(originals, copies, v => Whiten(whitening, v));

        Assert.True(raw < 0.5, $"raw found {raw:P0}");
        Assert.True(whitened > 0.8, $"whitened found {whitened:P0} (raw {raw:P0})");
    }

    [Fact]
    public void Whitened_vectors_are_unit_length_and_the_same_for_the_same_input()
    {
        var (originals, copies) = Photographs(seed: 3);
        var whitening = BackboneWhitening.FitFromPairs(originals, Products, originals, copies, Products, Dimension);

        var output = Whiten(whitening, originals.AsSpan(0, Dimension));
        Assert.Equal(1.0, TensorPrimitives.Norm(output), 5);
        Assert.Equal(output, Whiten(BackboneWhitening.FitFromPairs(originals, Products, originals, copies, Products, Dimension), originals.AsSpan(0, Dimension)));
        Assert.Equal((Dimension, Dimension), (whitening.Inputs, whitening.Outputs));
    }

    [Fact]
    public void A_whitening_with_a_value_that_is_not_finite_or_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BackboneWhitening(new float[4], new float[15], 4));
        Assert.Throws<ArgumentException>(() => new BackboneWhitening(new float[2], [1, float.NaN, 0, 1], 2));
    }

    /// <summary>Share of copies whose nearest original (by cosine after <paramref name="map"/>) is their own.</summary>
    private static double FoundFirst(float[] originals, float[] copies, Func<ReadOnlySpan<float>, float[]> map)
    {
        var mapped = Enumerable.Range(0, Products).Select(i => map(originals.AsSpan(i * Dimension, Dimension))).ToArray();
        var found = 0;
        for (var i = 0; i < Products; i++)
        {
            var query = map(copies.AsSpan(i * Dimension, Dimension));
            var best = Enumerable.Range(0, Products).MaxBy(j => TensorPrimitives.Dot(query, mapped[j]));
            found += best == i ? 1 : 0;
        }

        return (double)found / Products;
    }

    private static float[] Whiten(BackboneWhitening whitening, ReadOnlySpan<float> vector)
    {
        var output = new float[whitening.Outputs];
        whitening.Apply(vector, 1, output, new float[Dimension]);
        return output;
    }

    private static float[] Unit(ReadOnlySpan<float> vector)
    {
        var output = vector.ToArray();
        TensorPrimitives.Divide(output, TensorPrimitives.Norm(output), output);
        return output;
    }

    private static (float[] Originals, float[] Copies) Photographs(int seed)
    {
        var random = new Random(seed);
        var originals = new float[Products * Dimension];
        var copies = new float[Products * Dimension];
        for (var i = 0; i < Products; i++)
        {
            for (var d = 0; d < Dimension; d++)
            {
                // Products differ a little in every dimension around a common direction.
                var value = 1 + (0.15f * Normal(random));
                originals[(i * Dimension) + d] = value;
                copies[(i * Dimension) + d] = d < 6 ? value + (0.01f * Normal(random)) : value + (0.5f * Normal(random));
            }
        }

        return (originals, copies);
    }

    private static float Normal(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
