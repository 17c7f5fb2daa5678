using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Engine.Tests.Index.Forest;

public sealed class ShortlistCodesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(96)]
    [InlineData(130)]
    public void The_integer_dot_product_equals_the_plain_sum(int components)
    {
        var random = new Random(components);
        var stride = ShortlistCodes.StrideFor(components);
        var query = new short[stride];
        var code = new sbyte[stride];
        long expected = 0;
        for (var d = 0; d < components; d++)
        {
            query[d] = (short)random.Next(-32767, 32768);
            code[d] = (sbyte)random.Next(-127, 128);
            expected += query[d] * code[d];
        }

        Assert.Equal(expected, ShortlistCodes.Dot(query, code));
    }

    [Fact]
    public void Decoded_dot_products_stay_close_to_the_float_ones()
    {
        const int count = 500, components = 40, stride = 48;
        var random = new Random(3);
        var projected = new float[count * stride];
        for (var i = 0; i < projected.Length; i++)
        {
            // Leading components vary more, as principal components do.
            projected[i] = (float)(random.NextDouble() - 0.5) * (10f / (1 + (i % stride)));
        }

        var (codes, scales, squaredNorms) = ShortlistCodes.Encode(projected, count, stride, components, withSquaredNorms: true);
        var codeStride = ShortlistCodes.StrideFor(components);
        var y = Enumerable.Range(0, components).Select(d => (float)(random.NextDouble() - 0.5) * (10f / (1 + d))).ToArray();
        var query = new short[codeStride];
        var toDot = ShortlistCodes.PrepareQuery(y, scales, query);
        for (var row = 0; row < count; row++)
        {
            var exact = 0f;
            var norm = 0f;
            for (var d = 0; d < components; d++)
            {
                exact += y[d] * projected[(row * stride) + d];
                norm += projected[(row * stride) + d] * projected[(row * stride) + d];
            }

            var approximate = toDot * ShortlistCodes.Dot(query, codes.AsSpan(row * codeStride, codeStride));
            // Rounding moves each component by at most half a step (1/254 of its range): a fraction of a percent of |y||ŷ|.
            var tolerance = 0.01f * MathF.Sqrt(norm) * MathF.Sqrt(y.Sum(v => v * v));
            Assert.InRange(approximate, exact - tolerance, exact + tolerance);
            Assert.InRange(squaredNorms[row], norm * 0.97f, (norm * 1.03f) + 1e-3f);
        }
    }

    [Fact]
    public void A_query_whose_largest_component_is_negative_is_scaled_by_its_magnitude()
    {
        float[] y = [-8f, 1f, 2f];
        float[] scales = [0.1f, 0.1f, 0.1f];
        var query = new short[ShortlistCodes.StrideFor(3)];

        var toDot = ShortlistCodes.PrepareQuery(y, scales, query);

        Assert.Equal(-32767, query[0]);
        sbyte[] code = [10, 10, 10];
        var padded = new sbyte[query.Length];
        code.CopyTo(padded, 0);
        Assert.Equal(-5f, toDot * ShortlistCodes.Dot(query, padded), 0.01f);
    }

    [Fact]
    public void A_zero_query_scores_every_row_zero()
    {
        var query = new short[ShortlistCodes.StrideFor(4)];
        Assert.Equal(0f, ShortlistCodes.PrepareQuery(new float[4], [1f, 1f, 1f, 1f], query));
        Assert.All(query, value => Assert.Equal(0, value));
    }
}
