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

    [Fact]
    public void Rejects_partial_rows_and_wrong_destination_sizes()
    {
        Assert.Throws<ArgumentException>(() => RowProducts.MultiplyByTransposed(new float[10], new float[8], 4, new float[4]));
        Assert.Throws<ArgumentException>(() => RowProducts.MultiplyByTransposed(new float[8], new float[8], 4, new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowProducts.MultiplyByTransposed(new float[8], new float[8], 0, new float[4]));
    }
}
