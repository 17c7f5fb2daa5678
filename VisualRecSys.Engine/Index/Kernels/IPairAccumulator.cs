using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index.Kernels;

/// <summary>
/// The per-element step of a reduction over two vectors (a dot product or a squared distance), at every width the
/// kernels use. Implemented by structs so each kernel is compiled once per operation with the step inlined, the
/// way <c>System.Numerics.Tensors.TensorPrimitives</c> specializes its operators.
/// </summary>
internal interface IPairAccumulator
{
    /// <summary>Returns <paramref name="accumulator"/> plus the contribution of the element pair.</summary>
    static abstract float Accumulate(float accumulator, float x, float y);

    /// <summary>Lane-wise <see cref="Accumulate(float, float, float)"/>.</summary>
    static abstract Vector128<float> Accumulate(Vector128<float> accumulator, Vector128<float> x, Vector128<float> y);

    /// <summary>Lane-wise <see cref="Accumulate(float, float, float)"/>.</summary>
    static abstract Vector256<float> Accumulate(Vector256<float> accumulator, Vector256<float> x, Vector256<float> y);

    /// <summary>Lane-wise <see cref="Accumulate(float, float, float)"/>.</summary>
    static abstract Vector512<float> Accumulate(Vector512<float> accumulator, Vector512<float> x, Vector512<float> y);
}
