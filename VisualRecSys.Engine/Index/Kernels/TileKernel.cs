using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index.Kernels;

/// <summary>
/// Reduces four queries against four rows at once (a 4 × 4 tile of a matrix product). Each step loads four query
/// chunks and four row chunks and does sixteen accumulations, two per load, so batch search over rows that sit in
/// cache is bound by arithmetic rather than by loads. Sixteen accumulators plus eight operands fit the 32 AVX-512
/// registers.
/// </summary>
/// <remarks>
/// Vector512 and Vector256 tiers with an overlapping, masked tail; shorter lengths or narrower hardware fall back to
/// four <see cref="FourRowKernel"/> calls, which have the Vector128 and scalar tiers.
/// </remarks>
internal static class TileKernel
{
    /// <summary>Queries and rows per tile.</summary>
    public const int Size = 4;

    /// <summary>Reduces each of four queries against each of four rows.</summary>
    /// <param name="queries">Exactly <c>4 × length</c> floats: query 0, then 1, 2 and 3.</param>
    /// <param name="rows">Exactly <c>4 × length</c> floats: row 0, then 1, 2 and 3.</param>
    /// <param name="scores">Receives four vectors: vector <c>q</c>, lane <c>r</c> holds query <c>q</c> against row <c>r</c>.</param>
    public static void Reduce<TAccumulator>(ReadOnlySpan<float> queries, ReadOnlySpan<float> rows, Span<Vector128<float>> scores)
        where TAccumulator : IPairAccumulator
    {
        if (queries.Length != rows.Length || queries.Length % Size != 0 || scores.Length < Size)
        {
            throw new ArgumentException(
                $"Expected 4 queries and 4 rows of equal length and room for 4 results; got {queries.Length} query floats, {rows.Length} row floats, {scores.Length} results.");
        }

        var length = (nuint)(queries.Length / Size);
        ref var q = ref MemoryMarshal.GetReference(queries);
        ref var r = ref MemoryMarshal.GetReference(rows);
        ref var s = ref MemoryMarshal.GetReference(scores);
        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<float>.Count)
        {
            Reduce512<TAccumulator>(ref q, ref r, length, ref s);
        }
        else if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<float>.Count)
        {
            Reduce256<TAccumulator>(ref q, ref r, length, ref s);
        }
        else
        {
            var n = (int)length;
            for (var i = 0; i < Size; i++)
            {
                scores[i] = FourRowKernel.Reduce<TAccumulator>(queries.Slice(i * n, n), rows);
            }
        }
    }

    /// <summary>The Vector512 tier; <paramref name="length"/> must be at least 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Reduce512<TAccumulator>(ref float queries, ref float rows, nuint length, ref Vector128<float> scores)
        where TAccumulator : IPairAccumulator
    {
        ref var q0 = ref queries;
        ref var q1 = ref Unsafe.Add(ref queries, length);
        ref var q2 = ref Unsafe.Add(ref queries, 2 * length);
        ref var q3 = ref Unsafe.Add(ref queries, 3 * length);
        ref var r0 = ref rows;
        ref var r1 = ref Unsafe.Add(ref rows, length);
        ref var r2 = ref Unsafe.Add(ref rows, 2 * length);
        ref var r3 = ref Unsafe.Add(ref rows, 3 * length);
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;

        var width = (nuint)Vector512<float>.Count;
        var lastStart = length - width;
        var mask = Vector512<float>.AllBitsSet;
        nuint i = 0;
        while (true)
        {
            // The masked tail is the loop body once more over the last full vector, keeping only its new lanes.
            var at = i;
            if (i > lastStart)
            {
                if (i == length)
                {
                    break;
                }

                mask = RemainderMask.Last512(length - i);
                at = lastStart;
            }

            var x0 = Vector512.LoadUnsafe(ref q0, at) & mask;
            var x1 = Vector512.LoadUnsafe(ref q1, at) & mask;
            var x2 = Vector512.LoadUnsafe(ref q2, at) & mask;
            var x3 = Vector512.LoadUnsafe(ref q3, at) & mask;
            var y0 = Vector512.LoadUnsafe(ref r0, at) & mask;
            var y1 = Vector512.LoadUnsafe(ref r1, at) & mask;
            var y2 = Vector512.LoadUnsafe(ref r2, at) & mask;
            var y3 = Vector512.LoadUnsafe(ref r3, at) & mask;
            s00 = TAccumulator.Accumulate(s00, x0, y0);
            s01 = TAccumulator.Accumulate(s01, x0, y1);
            s02 = TAccumulator.Accumulate(s02, x0, y2);
            s03 = TAccumulator.Accumulate(s03, x0, y3);
            s10 = TAccumulator.Accumulate(s10, x1, y0);
            s11 = TAccumulator.Accumulate(s11, x1, y1);
            s12 = TAccumulator.Accumulate(s12, x1, y2);
            s13 = TAccumulator.Accumulate(s13, x1, y3);
            s20 = TAccumulator.Accumulate(s20, x2, y0);
            s21 = TAccumulator.Accumulate(s21, x2, y1);
            s22 = TAccumulator.Accumulate(s22, x2, y2);
            s23 = TAccumulator.Accumulate(s23, x2, y3);
            s30 = TAccumulator.Accumulate(s30, x3, y0);
            s31 = TAccumulator.Accumulate(s31, x3, y1);
            s32 = TAccumulator.Accumulate(s32, x3, y2);
            s33 = TAccumulator.Accumulate(s33, x3, y3);
            i = at + width;
        }

        scores = HorizontalSum.Of(s00, s01, s02, s03);
        Unsafe.Add(ref scores, 1) = HorizontalSum.Of(s10, s11, s12, s13);
        Unsafe.Add(ref scores, 2) = HorizontalSum.Of(s20, s21, s22, s23);
        Unsafe.Add(ref scores, 3) = HorizontalSum.Of(s30, s31, s32, s33);
    }

    /// <summary>The Vector256 tier; <paramref name="length"/> must be at least 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Reduce256<TAccumulator>(ref float queries, ref float rows, nuint length, ref Vector128<float> scores)
        where TAccumulator : IPairAccumulator
    {
        ref var q0 = ref queries;
        ref var q1 = ref Unsafe.Add(ref queries, length);
        ref var q2 = ref Unsafe.Add(ref queries, 2 * length);
        ref var q3 = ref Unsafe.Add(ref queries, 3 * length);
        ref var r0 = ref rows;
        ref var r1 = ref Unsafe.Add(ref rows, length);
        ref var r2 = ref Unsafe.Add(ref rows, 2 * length);
        ref var r3 = ref Unsafe.Add(ref rows, 3 * length);
        Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector256<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector256<float> s30 = default, s31 = default, s32 = default, s33 = default;

        var width = (nuint)Vector256<float>.Count;
        var lastStart = length - width;
        var mask = Vector256<float>.AllBitsSet;
        nuint i = 0;
        while (true)
        {
            var at = i;
            if (i > lastStart)
            {
                if (i == length)
                {
                    break;
                }

                mask = RemainderMask.Last256(length - i);
                at = lastStart;
            }

            var x0 = Vector256.LoadUnsafe(ref q0, at) & mask;
            var x1 = Vector256.LoadUnsafe(ref q1, at) & mask;
            var x2 = Vector256.LoadUnsafe(ref q2, at) & mask;
            var x3 = Vector256.LoadUnsafe(ref q3, at) & mask;
            var y0 = Vector256.LoadUnsafe(ref r0, at) & mask;
            var y1 = Vector256.LoadUnsafe(ref r1, at) & mask;
            var y2 = Vector256.LoadUnsafe(ref r2, at) & mask;
            var y3 = Vector256.LoadUnsafe(ref r3, at) & mask;
            s00 = TAccumulator.Accumulate(s00, x0, y0);
            s01 = TAccumulator.Accumulate(s01, x0, y1);
            s02 = TAccumulator.Accumulate(s02, x0, y2);
            s03 = TAccumulator.Accumulate(s03, x0, y3);
            s10 = TAccumulator.Accumulate(s10, x1, y0);
            s11 = TAccumulator.Accumulate(s11, x1, y1);
            s12 = TAccumulator.Accumulate(s12, x1, y2);
            s13 = TAccumulator.Accumulate(s13, x1, y3);
            s20 = TAccumulator.Accumulate(s20, x2, y0);
            s21 = TAccumulator.Accumulate(s21, x2, y1);
            s22 = TAccumulator.Accumulate(s22, x2, y2);
            s23 = TAccumulator.Accumulate(s23, x2, y3);
            s30 = TAccumulator.Accumulate(s30, x3, y0);
            s31 = TAccumulator.Accumulate(s31, x3, y1);
            s32 = TAccumulator.Accumulate(s32, x3, y2);
            s33 = TAccumulator.Accumulate(s33, x3, y3);
            i = at + width;
        }

        scores = HorizontalSum.Of(s00, s01, s02, s03);
        Unsafe.Add(ref scores, 1) = HorizontalSum.Of(s10, s11, s12, s13);
        Unsafe.Add(ref scores, 2) = HorizontalSum.Of(s20, s21, s22, s23);
        Unsafe.Add(ref scores, 3) = HorizontalSum.Of(s30, s31, s32, s33);
    }
}
