using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index.Kernels;

/// <summary>
/// Reduces one query against four consecutive rows of a row-major matrix in a single pass. The query chunk is
/// loaded once per step and the four rows feed four independent accumulators, so four streams of loads are in
/// flight at once and per-row call and reduction overhead is paid once per four rows. Exact search is memory-bound
/// (every row is read once per query), which is what this shape is for.
/// </summary>
/// <remarks>
/// Tiers follow <c>TensorPrimitives</c>: Vector512, then Vector256, then Vector128 when the length fills at least
/// one vector of that width, then scalar. A length that is not a multiple of the width ends with one overlapping,
/// masked load rather than a scalar loop (see <see cref="RemainderMask"/>). Both operands are masked (zero − zero
/// and zero × zero add nothing whatever the operation), and the steps and their order are those of
/// <see cref="TileKernel"/>, so a batch search gives bit-identical scores to one search per query.
/// The tiers are compiled fully optimized at once (<see cref="MethodImplOptions.AggressiveOptimization"/>): under
/// tiered PGO their instrumented versions made the first seconds of a search benchmark several times slower.
/// </remarks>
internal static class FourRowKernel
{
    /// <summary>Rows reduced per call.</summary>
    public const int Rows = 4;

    /// <summary>Reduces <paramref name="x"/> against each of the four rows stored back to back in <paramref name="rows"/>.</summary>
    /// <param name="x">The query.</param>
    /// <param name="rows">Exactly <c>4 × x.Length</c> floats: row 0, then row 1, 2 and 3.</param>
    /// <returns>Lane <c>i</c> holds the reduction against row <c>i</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Reduce<TAccumulator>(ReadOnlySpan<float> x, ReadOnlySpan<float> rows)
        where TAccumulator : IPairAccumulator
    {
        if (rows.Length != Rows * x.Length)
        {
            ThrowRowsLength(x.Length, rows.Length);
        }

        var length = (nuint)x.Length;
        ref var xStart = ref MemoryMarshal.GetReference(x);
        ref var rowsStart = ref MemoryMarshal.GetReference(rows);
        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<float>.Count)
        {
            return Reduce512<TAccumulator>(ref xStart, ref rowsStart, length);
        }

        if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<float>.Count)
        {
            return Reduce256<TAccumulator>(ref xStart, ref rowsStart, length);
        }

        if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<float>.Count)
        {
            return Reduce128<TAccumulator>(ref xStart, ref rowsStart, length);
        }

        return ReduceScalar<TAccumulator>(ref xStart, ref rowsStart, length);
    }

    /// <summary>The Vector512 tier; <paramref name="length"/> must be at least 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Vector128<float> Reduce512<TAccumulator>(ref float x, ref float rows, nuint length)
        where TAccumulator : IPairAccumulator
    {
        ref var row0 = ref rows;
        ref var row1 = ref Unsafe.Add(ref rows, length);
        ref var row2 = ref Unsafe.Add(ref rows, 2 * length);
        ref var row3 = ref Unsafe.Add(ref rows, 3 * length);
        var sum0 = Vector512<float>.Zero;
        var sum1 = Vector512<float>.Zero;
        var sum2 = Vector512<float>.Zero;
        var sum3 = Vector512<float>.Zero;

        var width = (nuint)Vector512<float>.Count;
        var lastStart = length - width;
        nuint i = 0;
        for (; i <= lastStart; i += width)
        {
            var xv = Vector512.LoadUnsafe(ref x, i);
            sum0 = TAccumulator.Accumulate(sum0, xv, Vector512.LoadUnsafe(ref row0, i));
            sum1 = TAccumulator.Accumulate(sum1, xv, Vector512.LoadUnsafe(ref row1, i));
            sum2 = TAccumulator.Accumulate(sum2, xv, Vector512.LoadUnsafe(ref row2, i));
            sum3 = TAccumulator.Accumulate(sum3, xv, Vector512.LoadUnsafe(ref row3, i));
        }

        if (i != length)
        {
            var mask = RemainderMask.Last512(length - i);
            var xv = Vector512.LoadUnsafe(ref x, lastStart) & mask;
            sum0 = TAccumulator.Accumulate(sum0, xv, Vector512.LoadUnsafe(ref row0, lastStart) & mask);
            sum1 = TAccumulator.Accumulate(sum1, xv, Vector512.LoadUnsafe(ref row1, lastStart) & mask);
            sum2 = TAccumulator.Accumulate(sum2, xv, Vector512.LoadUnsafe(ref row2, lastStart) & mask);
            sum3 = TAccumulator.Accumulate(sum3, xv, Vector512.LoadUnsafe(ref row3, lastStart) & mask);
        }

        return HorizontalSum.Of(sum0, sum1, sum2, sum3);
    }

    /// <summary>The Vector256 tier; <paramref name="length"/> must be at least 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Vector128<float> Reduce256<TAccumulator>(ref float x, ref float rows, nuint length)
        where TAccumulator : IPairAccumulator
    {
        ref var row0 = ref rows;
        ref var row1 = ref Unsafe.Add(ref rows, length);
        ref var row2 = ref Unsafe.Add(ref rows, 2 * length);
        ref var row3 = ref Unsafe.Add(ref rows, 3 * length);
        var sum0 = Vector256<float>.Zero;
        var sum1 = Vector256<float>.Zero;
        var sum2 = Vector256<float>.Zero;
        var sum3 = Vector256<float>.Zero;

        var width = (nuint)Vector256<float>.Count;
        var lastStart = length - width;
        nuint i = 0;
        for (; i <= lastStart; i += width)
        {
            var xv = Vector256.LoadUnsafe(ref x, i);
            sum0 = TAccumulator.Accumulate(sum0, xv, Vector256.LoadUnsafe(ref row0, i));
            sum1 = TAccumulator.Accumulate(sum1, xv, Vector256.LoadUnsafe(ref row1, i));
            sum2 = TAccumulator.Accumulate(sum2, xv, Vector256.LoadUnsafe(ref row2, i));
            sum3 = TAccumulator.Accumulate(sum3, xv, Vector256.LoadUnsafe(ref row3, i));
        }

        if (i != length)
        {
            var mask = RemainderMask.Last256(length - i);
            var xv = Vector256.LoadUnsafe(ref x, lastStart) & mask;
            sum0 = TAccumulator.Accumulate(sum0, xv, Vector256.LoadUnsafe(ref row0, lastStart) & mask);
            sum1 = TAccumulator.Accumulate(sum1, xv, Vector256.LoadUnsafe(ref row1, lastStart) & mask);
            sum2 = TAccumulator.Accumulate(sum2, xv, Vector256.LoadUnsafe(ref row2, lastStart) & mask);
            sum3 = TAccumulator.Accumulate(sum3, xv, Vector256.LoadUnsafe(ref row3, lastStart) & mask);
        }

        return HorizontalSum.Of(sum0, sum1, sum2, sum3);
    }

    /// <summary>The Vector128 tier; <paramref name="length"/> must be at least 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Vector128<float> Reduce128<TAccumulator>(ref float x, ref float rows, nuint length)
        where TAccumulator : IPairAccumulator
    {
        ref var row0 = ref rows;
        ref var row1 = ref Unsafe.Add(ref rows, length);
        ref var row2 = ref Unsafe.Add(ref rows, 2 * length);
        ref var row3 = ref Unsafe.Add(ref rows, 3 * length);
        var sum0 = Vector128<float>.Zero;
        var sum1 = Vector128<float>.Zero;
        var sum2 = Vector128<float>.Zero;
        var sum3 = Vector128<float>.Zero;

        var width = (nuint)Vector128<float>.Count;
        var lastStart = length - width;
        nuint i = 0;
        for (; i <= lastStart; i += width)
        {
            var xv = Vector128.LoadUnsafe(ref x, i);
            sum0 = TAccumulator.Accumulate(sum0, xv, Vector128.LoadUnsafe(ref row0, i));
            sum1 = TAccumulator.Accumulate(sum1, xv, Vector128.LoadUnsafe(ref row1, i));
            sum2 = TAccumulator.Accumulate(sum2, xv, Vector128.LoadUnsafe(ref row2, i));
            sum3 = TAccumulator.Accumulate(sum3, xv, Vector128.LoadUnsafe(ref row3, i));
        }

        if (i != length)
        {
            var mask = RemainderMask.Last128(length - i);
            var xv = Vector128.LoadUnsafe(ref x, lastStart) & mask;
            sum0 = TAccumulator.Accumulate(sum0, xv, Vector128.LoadUnsafe(ref row0, lastStart) & mask);
            sum1 = TAccumulator.Accumulate(sum1, xv, Vector128.LoadUnsafe(ref row1, lastStart) & mask);
            sum2 = TAccumulator.Accumulate(sum2, xv, Vector128.LoadUnsafe(ref row2, lastStart) & mask);
            sum3 = TAccumulator.Accumulate(sum3, xv, Vector128.LoadUnsafe(ref row3, lastStart) & mask);
        }

        return HorizontalSum.Of(sum0, sum1, sum2, sum3);
    }

    /// <summary>The scalar tier, for short lengths or hardware without SIMD.</summary>
    internal static Vector128<float> ReduceScalar<TAccumulator>(ref float x, ref float rows, nuint length)
        where TAccumulator : IPairAccumulator
    {
        float sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
        for (nuint i = 0; i < length; i++)
        {
            var xi = Unsafe.Add(ref x, i);
            sum0 = TAccumulator.Accumulate(sum0, xi, Unsafe.Add(ref rows, i));
            sum1 = TAccumulator.Accumulate(sum1, xi, Unsafe.Add(ref rows, length + i));
            sum2 = TAccumulator.Accumulate(sum2, xi, Unsafe.Add(ref rows, (2 * length) + i));
            sum3 = TAccumulator.Accumulate(sum3, xi, Unsafe.Add(ref rows, (3 * length) + i));
        }

        return Vector128.Create(sum0, sum1, sum2, sum3);
    }

    /// <summary>Reduces <paramref name="x"/> against one row with the scalar step (for fewer than four rows).</summary>
    public static float ReduceOne<TAccumulator>(ReadOnlySpan<float> x, ReadOnlySpan<float> row)
        where TAccumulator : IPairAccumulator
    {
        if (row.Length != x.Length)
        {
            ThrowRowsLength(x.Length, row.Length);
        }

        var sum = 0f;
        for (var i = 0; i < x.Length; i++)
        {
            sum = TAccumulator.Accumulate(sum, x[i], row[i]);
        }

        return sum;
    }

    private static void ThrowRowsLength(int length, int rowsLength) =>
        throw new ArgumentException($"Expected rows of {length} floats each; got {rowsLength} floats.", nameof(rowsLength));
}
