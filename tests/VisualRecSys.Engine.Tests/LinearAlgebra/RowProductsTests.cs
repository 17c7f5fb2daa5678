using VisualRecSys.Engine.LinearAlgebra;
using VisualRecSys.Engine.Tests.Index.Kernels;

namespace VisualRecSys.Engine.Tests.LinearAlgebra;

public sealed class RowProductsTests
{
    [Theory]
    [InlineData(7, 10, 33)] // leftover rows of A (7 = 4 + 3) and of B (10 = 8 + 2), a SIMD tail
    [InlineData(5, 3, 16)] // fewer than four rows of B
    [InlineData(64, 300, 784)] // several blocks of B
    [InlineData(1, 1, 1)]
    [InlineData(0, 4, 8)]
    public void Equals_the_dot_product_of_every_pair_of_rows(int aRows, int bRows, int length)
    {
        var a = KernelReference.Random(aRows * length, seed: 1);
        var b = KernelReference.Random(bRows * length, seed: 2);
        var products = new float[aRows * bRows];

        RowProducts.MultiplyByTransposed(a, b, length, products);

        for (var i = 0; i < aRows; i++)
        {
            for (var j = 0; j < bRows; j++)
            {
                var expected = KernelReference.Dot(a.AsSpan(i * length, length).ToArray(), b.AsSpan(j * length, length).ToArray());
                FourRowKernelTests.AssertClose(expected, products[(i * bRows) + j], $"a row {i}, b row {j}");
            }
        }
    }

    [Theory]
    [InlineData(7, 33, 10)] // leftover rows of A, a SIMD tail along k, fewer than 32 columns of C
    [InlineData(5, 3, 35)] // k shorter than a vector; 35 = 32 + 3 columns
    [InlineData(13, 70, 37)]
    [InlineData(33, 522, 70)] // over Gemm's threshold for a second thread
    [InlineData(256, 10, 130)] // the class logits' shape: few outputs
    [InlineData(1, 1, 1)]
    public void Gives_the_same_product_as_transposing_for_Gemm(int m, int k, int n)
    {
        // C = A · Bᵀ with A m × k and B n × k, both ways the heads and the index compute it.
        var a = KernelReference.Random(m * k, seed: 3);
        var b = KernelReference.Random(n * k, seed: 4);
        var byRows = new float[m * n];
        var bTransposed = new float[k * n];
        var byGemm = new float[m * n];

        RowProducts.MultiplyByTransposed(a, b, k, byRows);
        Gemm.Transpose(b, bTransposed, n, k);
        Gemm.Multiply(a, bTransposed, byGemm, m, k, n);

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                // Both sum the same k products in different orders: each may be off the exact sum by its own rounding.
                var expected = KernelReference.Dot(a.AsSpan(i * k, k).ToArray(), b.AsSpan(j * k, k).ToArray());
                var tolerance = 2 * expected.Tolerance;
                Assert.True(
                    Math.Abs(byRows[(i * n) + j] - byGemm[(i * n) + j]) <= tolerance,
                    $"C[{i}, {j}]: RowProducts {byRows[(i * n) + j]}, Gemm {byGemm[(i * n) + j]}, tolerance {tolerance}");
            }
        }
    }

    [Fact]
    public void Rejects_partial_rows_and_wrong_destination_sizes()
    {
        Assert.Throws<ArgumentException>(() => RowProducts.MultiplyByTransposed(new float[10], new float[8], 4, new float[4]));
        Assert.Throws<ArgumentException>(() => RowProducts.MultiplyByTransposed(new float[8], new float[8], 4, new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowProducts.MultiplyByTransposed(new float[8], new float[8], 0, new float[4]));
    }
}
