using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index.Kernels;

/// <summary>
/// Squared Euclidean distance: accumulates <c>(x − y)²</c>. Computed from the difference rather than as
/// <c>|x|² + |y|² − 2x·y</c>, which cancels badly for near neighbours, exactly the pairs whose order matters.
/// </summary>
internal readonly struct SquaredDistanceAccumulator : IPairAccumulator
{
    public static float Accumulate(float accumulator, float x, float y)
    {
        var difference = x - y;
        return float.MultiplyAddEstimate(difference, difference, accumulator);
    }

    public static Vector128<float> Accumulate(Vector128<float> accumulator, Vector128<float> x, Vector128<float> y)
    {
        var difference = x - y;
        return Vector128.MultiplyAddEstimate(difference, difference, accumulator);
    }

    public static Vector256<float> Accumulate(Vector256<float> accumulator, Vector256<float> x, Vector256<float> y)
    {
        var difference = x - y;
        return Vector256.MultiplyAddEstimate(difference, difference, accumulator);
    }

    public static Vector512<float> Accumulate(Vector512<float> accumulator, Vector512<float> x, Vector512<float> y)
    {
        var difference = x - y;
        return Vector512.MultiplyAddEstimate(difference, difference, accumulator);
    }
}
