using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using VisualRecSys.Engine.Index.Kernels;

namespace VisualRecSys.Engine.LinearAlgebra;

/// <summary>
/// All dot products between two sets of row-major vectors (the matrix product <c>A · Bᵀ</c>), cache-blocked and
/// computed four rows of each set at a time: for projecting many vectors through a matrix (random projections,
/// principal components) or scoring many queries against many rows.
/// </summary>
public static class RowProducts
{
    // A block of B rows this large stays in L2 while every row of A passes over it.
    private const int BlockBytes = 128 * 1024;

    /// <summary>Writes <c>destination[i × bRows + j] = a row i · b row j</c>. Single-threaded; split <paramref name="a"/> to parallelize.</summary>
    /// <param name="a">Rows of <paramref name="length"/> floats, back to back.</param>
    /// <param name="b">Rows of <paramref name="length"/> floats, back to back.</param>
    /// <param name="length">Floats per row; positive.</param>
    /// <param name="destination">Exactly <c>aRows × bRows</c> floats, row-major.</param>
    /// <exception cref="ArgumentException">A length is not a multiple of <paramref name="length"/>, or the destination has the wrong size.</exception>
    public static void MultiplyByTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int length, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (a.Length % length != 0 || b.Length % length != 0)
        {
            throw new ArgumentException($"Both inputs must hold whole rows of {length} floats; they hold {a.Length} and {b.Length}.", nameof(length));
        }

        var aRows = a.Length / length;
        var bRows = b.Length / length;
        if ((long)destination.Length != (long)aRows * bRows)
        {
            throw new ArgumentException($"The destination must hold {(long)aRows * bRows} floats; it holds {destination.Length}.", nameof(destination));
        }

        const int Four = TileKernel.Size;
        Span<Vector128<float>> tile = stackalloc Vector128<float>[Four];
        var groupLength = Four * length;
        var bGroupsEnd = bRows / Four * Four;
        var rowsPerBlock = Math.Max(Four, BlockBytes / (sizeof(float) * length) / Four * Four);
        for (var blockStart = 0; blockStart < bGroupsEnd; blockStart += rowsPerBlock)
        {
            var blockEnd = Math.Min(blockStart + rowsPerBlock, bGroupsEnd);
            var i = 0;
            for (; i <= aRows - Four; i += Four)
            {
                var aGroup = a.Slice(i * length, groupLength);
                for (var j = blockStart; j < blockEnd; j += Four)
                {
                    TileKernel.Reduce<DotAccumulator>(aGroup, b.Slice(j * length, groupLength), tile);
                    for (var q = 0; q < Four; q++)
                    {
                        tile[q].CopyTo(destination.Slice(((i + q) * bRows) + j, Four));
                    }
                }
            }

            for (; i < aRows; i++)
            {
                var aRow = a.Slice(i * length, length);
                for (var j = blockStart; j < blockEnd; j += Four)
                {
                    FourRowKernel.Reduce<DotAccumulator>(aRow, b.Slice(j * length, groupLength)).CopyTo(destination.Slice((i * bRows) + j, Four));
                }
            }
        }

        // The last bRows mod 4 rows of B.
        for (var j = bGroupsEnd; j < bRows; j++)
        {
            var bRow = b.Slice(j * length, length);
            for (var i = 0; i < aRows; i++)
            {
                destination[(i * bRows) + j] = TensorPrimitives.Dot(a.Slice(i * length, length), bRow);
            }
        }
    }
}
