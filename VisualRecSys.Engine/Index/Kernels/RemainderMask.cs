using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index.Kernels;

/// <summary>
/// Masks for the overlapping tail: when a length is not a multiple of the vector width, the kernels load one last
/// full vector ending exactly at the end and keep only its final <c>remainder</c> lanes (the others were already
/// counted), instead of finishing with a scalar loop.
/// </summary>
internal static class RemainderMask
{
    /// <summary>All bits set in the last <paramref name="remainder"/> lanes, zero elsewhere.</summary>
    public static Vector128<float> Last128(nuint remainder) =>
        Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(Vector128<int>.Count - (int)remainder)).AsSingle();

    /// <inheritdoc cref="Last128"/>
    public static Vector256<float> Last256(nuint remainder) =>
        Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(Vector256<int>.Count - (int)remainder)).AsSingle();

    /// <inheritdoc cref="Last128"/>
    public static Vector512<float> Last512(nuint remainder) =>
        Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(Vector512<int>.Count - (int)remainder)).AsSingle();
}
