using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Bench.Index.Datasets;

namespace VisualRecSys.Bench.Tests.Index;

public sealed class ProjectedFashionMnistTests
{
    private const int Side = 8;

    /// <summary>Small random "images" standing in for Fashion-MNIST, so the tests need no dataset package.</summary>
    private static IdxImageSet Images(int count, int seed)
    {
        var pixels = new byte[count * Side * Side];
        new Random(seed).NextBytes(pixels);
        return new IdxImageSet(count, Side, Side, pixels);
    }

    [Fact]
    public void Has_the_requested_shape_and_only_non_negative_values()
    {
        var data = ProjectedFashionMnist.Generate(Images(12, 1), Images(5, 2), count: 50, dimension: 16, queryCount: 3, seed: 7);

        Assert.Equal((50, 16), (data.Base.Count, data.Base.Dimension));
        Assert.Equal(Enumerable.Range(0, 50), data.Base.Ids.ToArray());
        Assert.Equal((3, 3 * 16), (data.QueryCount, data.Queries.Length));
        var all = data.Base.Vectors.ToArray().Concat(data.Queries).ToArray();
        Assert.All(all, v => Assert.True(v >= 0f));
        Assert.Contains(all, v => v == 0f); // the ReLU cut something
        Assert.Contains(all, v => v > 0f);
    }

    [Fact]
    public void Is_deterministic_for_a_seed_whatever_the_parallelism()
    {
        var train = Images(12, 1);
        var test = Images(5, 2);
        var first = ProjectedFashionMnist.Generate(train, test, 50, 16, 3, seed: 7, maxDegreeOfParallelism: 1);
        var again = ProjectedFashionMnist.Generate(train, test, 50, 16, 3, seed: 7, maxDegreeOfParallelism: -1);
        var other = ProjectedFashionMnist.Generate(train, test, 50, 16, 3, seed: 8);

        Assert.Equal(first.Base.Vectors.ToArray(), again.Base.Vectors.ToArray());
        Assert.Equal(first.Queries, again.Queries);
        Assert.NotEqual(first.Base.Vectors.ToArray(), other.Base.Vectors.ToArray());
        Assert.NotEqual(first.Queries, other.Queries);
    }

    [Fact]
    public void A_smaller_count_is_a_prefix_of_a_larger_one()
    {
        // Each item has its own random stream, so sizes do not change the items they share.
        var small = ProjectedFashionMnist.Generate(Images(12, 1), Images(5, 2), 20, 16, 2, seed: 3);
        var large = ProjectedFashionMnist.Generate(Images(12, 1), Images(5, 2), 40, 16, 5, seed: 3);

        Assert.Equal(small.Base.Vectors.ToArray(), large.Base.Vectors[..(20 * 16)].ToArray());
        Assert.Equal(small.Queries, large.Queries[..(2 * 16)]);
    }

    [Fact]
    public void Offsets_are_within_two_pixels_never_zero_and_all_occur()
    {
        var random = new SeededRandom(42, 1, 0);
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < 5000; i++)
        {
            var (dx, dy) = ImageShift.DrawOffset(ref random);
            Assert.InRange(dx, -2, 2);
            Assert.InRange(dy, -2, 2);
            Assert.False(dx == 0 && dy == 0);
            seen.Add((dx, dy));
        }

        Assert.Equal(24, seen.Count);
    }

    [Fact]
    public void Shift_moves_pixels_and_fills_with_zero()
    {
        float[] image =
        [
            1, 2, 3,
            4, 5, 6,
        ];
        var shifted = new float[6];

        ImageShift.Shift(image, width: 3, height: 2, dx: 1, dy: -1, shifted);

        Assert.Equal([0, 4, 5, 0, 0, 0], shifted);
    }

    [Fact]
    public void Copy_zero_is_the_image_and_later_copies_are_shifted_noisy_and_clipped()
    {
        var train = Images(12, 1);
        var original = train.Image(5).ToArray().Select(p => p / 255f).ToArray();
        var pixels = new float[Side * Side];

        var random = new SeededRandom(7, 1, 5);
        ProjectedFashionMnist.ItemPixels(train, 5, ref random, pixels);
        Assert.Equal(original, pixels);

        for (var copy = 1; copy <= 3; copy++)
        {
            var item = 5 + (copy * 12);
            random = new SeededRandom(7, 1, item);
            ProjectedFashionMnist.ItemPixels(train, item, ref random, pixels);
            Assert.All(pixels, p => Assert.InRange(p, 0f, 1f));

            // Replaying the stream gives the offset; the copy is that shift plus small noise.
            var replay = new SeededRandom(7, 1, item);
            var (dx, dy) = ImageShift.DrawOffset(ref replay);
            var expected = new float[Side * Side];
            ImageShift.Shift(original, Side, Side, dx, dy, expected);
            var meanError = pixels.Zip(expected, (a, b) => Math.Abs(a - b)).Average();
            Assert.InRange(meanError, 0.001, 0.05); // σ = 0.03 noise: mean |error| ≈ 0.024, less where clipped
            Assert.NotEqual(original, pixels);
        }
    }

    [Fact]
    public void Gaussian_draws_have_the_asked_spread()
    {
        var values = new float[20_001]; // odd: the last pair is half used
        new SeededRandom(1, 0, 0).FillGaussian(values, 0.5f);

        var mean = values.Average();
        var sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(sd, 0.48, 0.52);
        Assert.NotEqual(0f, values[^1]);
    }
}
