using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index.Kernels;

/// <summary>
/// Sums of four accumulators into one <see cref="Vector128{T}"/>: each is first folded to 128 bits with vertical
/// adds, so only the last step shuffles within a register. A quarter of the instructions of four
/// <see cref="Vector512.Sum{T}(Vector512{T})"/> calls, which matters once per four rows.
/// </summary>
internal static class HorizontalSum
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Of(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) =>
        Of(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Of(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d) =>
        Of(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Of(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d) =>
        Vector128.Create(Vector128.Sum(a), Vector128.Sum(b), Vector128.Sum(c), Vector128.Sum(d));
}
