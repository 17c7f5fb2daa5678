using VisualRecSys.Engine.LinearAlgebra;

namespace VisualRecSys.Engine.Tests.LinearAlgebra;

public sealed class GemmTests
{
    // Sizes that exercise the 4 × 32 tiles, their row and column remainders, and the two-thread split.
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(4, 8, 32)]
    [InlineData(9, 17, 45)]
    [InlineData(64, 130, 96)]
    [InlineData(257, 512, 70)]
    public void Multiply_matches_the_textbook_triple_loop(int m, int k, int n)
    {
        var random = new Random(m * 1000 + k * 10 + n);
        var a = Random(random, m * k);
        var b = Random(random, k * n);
        var c = new float[m * n];

        Gemm.Multiply(a, b, c, m, k, n);

        var expected = Naive(a, b, m, k, n);
        for (var i = 0; i < c.Length; i++)
        {
            Assert.Equal(expected[i], c[i], 3e-4 * k);
        }
    }

    [Fact]
    public void Multiply_can_accumulate_into_what_is_there()
    {
        var random = new Random(7);
        const int m = 6, k = 40, n = 33;
        var a = Random(random, m * k);
        var b = Random(random, k * n);
        var c = Enumerable.Repeat(2f, m * n).ToArray();

        Gemm.Multiply(a, b, c, m, k, n, accumulate: true);

        var expected = Naive(a, b, m, k, n);
        for (var i = 0; i < c.Length; i++)
        {
            Assert.Equal(expected[i] + 2, c[i], 1e-2);
        }
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns()
    {
        float[] source = [1, 2, 3, 4, 5, 6];
        var destination = new float[6];

        Gemm.Transpose(source, destination, rows: 2, columns: 3);

        Assert.Equal([1, 4, 2, 5, 3, 6], destination);
    }

    [Fact]
    public void Too_short_operands_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], new float[6], new float[4], 2, 3, 2));
        Assert.Equal("a", ex.ParamName);
    }

    private static float[] Random(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    private static double[] Naive(float[] a, float[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var x = 0; x < k; x++)
                {
                    sum += (double)a[(i * k) + x] * b[(x * n) + j];
                }

                c[(i * n) + j] = sum;
            }
        }

        return c;
    }
}
