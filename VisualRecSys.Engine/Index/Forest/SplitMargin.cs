using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// A node's normal · the query's split-space image: a query computes hundreds of these 64-float dot products, short
/// enough that a general-purpose call's checks and tail handling cost as much as the arithmetic, so whole 512-bit
/// vectors are summed here inline.
/// </summary>
internal static class SplitMargin
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> normal, ReadOnlySpan<float> y)
    {
        var length = y.Length;
        if (!Vector512.IsHardwareAccelerated || length % Vector512<float>.Count != 0 || normal.Length != length)
        {
            return TensorPrimitives.Dot(normal, y);
        }

        ref var n = ref MemoryMarshal.GetReference(normal);
        ref var q = ref MemoryMarshal.GetReference(y);
        var sum = Vector512<float>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector512<float>.Count)
        {
            sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref n, i), Vector512.LoadUnsafe(ref q, i), sum);
        }

        return Vector512.Sum(sum);
    }
}
