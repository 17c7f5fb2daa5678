using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// Each row's principal components as one signed byte each, for the shortlist: a candidate costs one or two cache
/// lines instead of six (96 floats), which is most of a query's memory traffic at search_k in the thousands, and the
/// file and the build shrink by three quarters of the float copy. Component d is stored as round(y_d / scale_d) with
/// scale_d = max |y_d| / 127, so every component keeps its own resolution (leading components vary the most).
/// The shortlist only orders candidates; the final top k is ranked with the full float vectors, so the codes' rounding
/// can only cost recall through the shortlist's cut, never a wrong score.
/// </summary>
internal static class ShortlistCodes
{
    /// <summary>Codes per row are padded with zeros to a multiple of this, so the kernel never needs a scalar tail.</summary>
    public const int Block = 32;

    /// <summary>
    /// How much of the product of a row's and the query's residual lengths (the parts of both that the components do
    /// not see) a shortlist score counts as their residuals' dot product. Near neighbours' residuals point alike, so
    /// ignoring them (weight 0) ranks rows with much of their length outside the components too low: at 1M × 512,
    /// 96 components, the shortlist of 200 lost 1.1 of 97.2 recall points at 5,000 candidates with weight 0 and
    /// 0.07 with 0.8 (0.3: 0.4, 0.5: 0.14). The exact re-rank still decides; this only chooses what it sees.
    /// </summary>
    public const float ResidualWeight = 0.8f;

    /// <summary>
    /// Whether shortlists of this metric count residuals. Euclidean ones do not: there a row's own residual length
    /// weighs against it too (−|r_x|² + 2w|r_x||r_q|), and in the unit tests' clusters that cut recall (0.428 to 0.393).
    /// </summary>
    public static bool UsesResiduals(DistanceMetric metric) => metric != DistanceMetric.Euclidean;

    /// <summary>The largest query value: products of two such pairs still add up inside an int32 lane (see <see cref="Dot"/>).</summary>
    private const float QueryRange = 32767f;

    /// <summary>Bytes per row for <paramref name="components"/> components.</summary>
    public static int StrideFor(int components) => (components + Block - 1) / Block * Block;

    /// <summary>
    /// Encodes the first <paramref name="components"/> floats of each of <paramref name="count"/> rows of
    /// <paramref name="projected"/> (rows <paramref name="projectedStride"/> floats apart).
    /// </summary>
    /// <returns>The codes (count × stride), the per-component scales (stride; 0 in the padding) and, for Euclidean
    /// shortlists, each row's squared length as the codes see it (else empty).</returns>
    public static (sbyte[] Codes, float[] Scales, float[] SquaredNorms) Encode(
        ReadOnlySpan<float> projected, int count, int projectedStride, int components, bool withSquaredNorms)
    {
        var stride = StrideFor(components);
        var scales = new float[stride];
        var largest = scales.AsSpan(0, components);
        for (var row = 0; row < count; row++)
        {
            var y = projected.Slice(row * projectedStride, components);
            for (var d = 0; d < components; d++)
            {
                largest[d] = Math.Max(largest[d], Math.Abs(y[d]));
            }
        }

        // A component that is 0 everywhere keeps scale 0: its codes are 0 and decode to 0.
        var inverse = new float[components];
        for (var d = 0; d < components; d++)
        {
            scales[d] = largest[d] / 127f;
            inverse[d] = scales[d] > 0f ? 1f / scales[d] : 0f;
        }

        var codes = new sbyte[(long)count * stride];
        var squaredNorms = withSquaredNorms ? new float[count] : [];
        Span<float> scaled = stackalloc float[components];
        for (var row = 0; row < count; row++)
        {
            TensorPrimitives.Multiply(projected.Slice(row * projectedStride, components), inverse, scaled);
            var code = codes.AsSpan(row * stride, stride);
            var squared = 0f;
            for (var d = 0; d < components; d++)
            {
                var value = (sbyte)Math.Clamp(MathF.Round(scaled[d]), -127f, 127f);
                code[d] = value;
                var decoded = value * scales[d];
                squared += decoded * decoded;
            }

            if (withSquaredNorms)
            {
                squaredNorms[row] = squared;
            }
        }

        return (codes, scales, squaredNorms);
    }

    /// <summary>
    /// Each row's residual length, √(|x|² − |y|²): how long the part of the row outside its first
    /// <paramref name="components"/> principal components is (the components are orthonormal, so the parts add up).
    /// </summary>
    public static float[] ResidualLengths(ReadOnlySpan<float> projected, int count, int projectedStride, int components, ReadOnlySpan<float> squaredNorms)
    {
        var residuals = new float[count];
        for (var row = 0; row < count; row++)
        {
            var y = projected.Slice(row * projectedStride, components);
            residuals[row] = MathF.Sqrt(Math.Max(0f, squaredNorms[row] - TensorPrimitives.Dot(y, y)));
        }

        return residuals;
    }

    /// <summary>
    /// Turns the query's components into 16-bit integers on the codes' scales: q'_d = y_d × scale_d, stretched so the
    /// largest is ±32,767. Returns the factor that turns <see cref="Dot"/> back into y·ŷ (the decoded row).
    /// </summary>
    public static float PrepareQuery(ReadOnlySpan<float> y, ReadOnlySpan<float> scales, Span<short> query)
    {
        var components = y.Length;
        query.Clear();
        Span<float> scaled = stackalloc float[components];
        TensorPrimitives.Multiply(y, scales[..components], scaled);
        // MaxMagnitude keeps the sign of the value it picks.
        var largest = Math.Abs(TensorPrimitives.MaxMagnitude(scaled));
        if (!(largest > 0f))
        {
            return 0f;
        }

        var stretch = QueryRange / largest;
        for (var d = 0; d < components; d++)
        {
            query[d] = (short)MathF.Round(scaled[d] * stretch);
        }

        return 1f / stretch;
    }

    /// <summary>
    /// Σ query_d × code_d over one row, exactly in integers. Each lane adds at most 2 × 32,767 × 127 per step, and a
    /// row of up to 2,048 components stays far below int.MaxValue.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> code)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var c = ref MemoryMarshal.GetReference(code);
        var length = code.Length;
        if (Avx512BW.IsSupported)
        {
            var sum = Vector512<int>.Zero;
            for (var i = 0; i < length; i += Block)
            {
                var wide = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref c, (nuint)i));
                sum += Avx512BW.MultiplyAddAdjacent(wide, Vector512.LoadUnsafe(ref q, (nuint)i));
            }

            return Vector512.Sum(sum);
        }

        if (Avx2.IsSupported)
        {
            var sum = Vector256<int>.Zero;
            for (var i = 0; i < length; i += 16)
            {
                var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref c, (nuint)i));
                sum += Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref q, (nuint)i));
            }

            return Vector256.Sum(sum);
        }

        var total = 0;
        for (var i = 0; i < length; i++)
        {
            total += Unsafe.Add(ref q, i) * Unsafe.Add(ref c, i);
        }

        return total;
    }
}
