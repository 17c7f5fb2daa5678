using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index.Kernels;

/// <summary>Dot product: accumulates <c>x · y</c>, fused where the hardware has FMA.</summary>
internal readonly struct DotAccumulator : IPairAccumulator
{
    public static float Accumulate(float accumulator, float x, float y) => float.MultiplyAddEstimate(x, y, accumulator);

    public static Vector128<float> Accumulate(Vector128<float> accumulator, Vector128<float> x, Vector128<float> y) =>
        Vector128.MultiplyAddEstimate(x, y, accumulator);

    public static Vector256<float> Accumulate(Vector256<float> accumulator, Vector256<float> x, Vector256<float> y) =>
        Vector256.MultiplyAddEstimate(x, y, accumulator);

    public static Vector512<float> Accumulate(Vector512<float> accumulator, Vector512<float> x, Vector512<float> y) =>
        Vector512.MultiplyAddEstimate(x, y, accumulator);
}
