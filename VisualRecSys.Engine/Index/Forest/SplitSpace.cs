using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// The low-dimensional space the trees split in: the top principal directions of the vectors (of their second
/// moment, not centred, so hyperplanes through the origin stay through the origin). Image embeddings and pixels
/// have fast-decaying spectra, so 64 directions keep nearly all of what a split needs at an eighth of the cost.
/// </summary>
internal static class SplitSpace
{
    /// <summary>Rows sampled to estimate the second-moment matrix; more adds little for a handful of directions.</summary>
    private const int SampleSize = 4096;

    /// <summary>Subspace iterations; the leading directions converge well before this.</summary>
    private const int Iterations = 12;

    /// <summary>
    /// Returns components × dimension, orthonormal rows. When components ≥ dimension the identity is returned
    /// (splits in the full space). With <paramref name="unitRows"/> the rows are fitted as scaled to unit length (angular
    /// forests), without a normalized copy of them.
    /// </summary>
    public static float[] Fit(ReadOnlySpan<float> vectors, int count, int dimension, int components, int seed, bool unitRows)
    {
        if (components >= dimension)
        {
            var identity = new float[dimension * dimension];
            for (var i = 0; i < dimension; i++)
            {
                identity[(i * dimension) + i] = 1f;
            }

            return identity;
        }

        var moment = SecondMoment(vectors, count, dimension, seed, unitRows);
        return TopEigenvectors(moment, dimension, components, seed);
    }

    /// <summary>
    /// Writes <paramref name="projection"/> · x for every row (rows of <paramref name="projected"/> have <paramref name="stride"/> floats);
    /// with <paramref name="unitRows"/>, of x / |x| (the projection is linear, so the row itself is not copied).
    /// </summary>
    public static void ProjectAll(ReadOnlyMemory<float> vectors, int count, int dimension, ReadOnlyMemory<float> projection, int components,
        Memory<float> projected, int stride, bool unitRows, int maxDegreeOfParallelism)
    {
        Parallel.For(0, (count + 1023) / 1024, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, block =>
        {
            var v = vectors.Span;
            var p = projection.Span;
            var y = projected.Span;
            var end = Math.Min(count, (block + 1) * 1024);
            for (var row = block * 1024; row < end; row++)
            {
                var x = v.Slice(row * dimension, dimension);
                var image = y.Slice(row * stride, components);
                Project(x, p, components, image);
                var norm = unitRows ? TensorPrimitives.Norm(x) : 1f;
                if (norm > 0f && norm != 1f)
                {
                    TensorPrimitives.Divide(image, norm, image);
                }
            }
        });
    }

    /// <summary>destination[c] = projection row c · x.</summary>
    public static void Project(ReadOnlySpan<float> x, ReadOnlySpan<float> projection, int components, Span<float> destination)
    {
        var dimension = x.Length;
        for (var c = 0; c < components; c++)
        {
            destination[c] = TensorPrimitives.Dot(projection.Slice(c * dimension, dimension), x);
        }
    }

    private static float[] SecondMoment(ReadOnlySpan<float> vectors, int count, int dimension, int seed, bool unitRows)
    {
        var random = new Random(seed);
        var samples = Math.Min(count, SampleSize);
        var moment = new float[dimension * dimension];
        var unit = new float[dimension];
        for (var s = 0; s < samples; s++)
        {
            var row = samples == count ? s : random.Next(count);
            ReadOnlySpan<float> x = vectors.Slice(row * dimension, dimension);
            var norm = unitRows ? TensorPrimitives.Norm(x) : 1f;
            if (norm > 0f && norm != 1f)
            {
                TensorPrimitives.Divide(x, norm, unit);
                x = unit;
            }

            for (var i = 0; i < dimension; i++)
            {
                if (x[i] != 0f)
                {
                    var target = moment.AsSpan(i * dimension, dimension);
                    TensorPrimitives.MultiplyAdd(x, x[i], target, target);
                }
            }
        }

        return moment;
    }

    /// <summary>Orthonormal rows spanning the leading eigenvectors of a symmetric matrix, by subspace iteration.</summary>
    private static float[] TopEigenvectors(float[] matrix, int dimension, int components, int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        var basis = new float[components * dimension];
        for (var i = 0; i < basis.Length; i++)
        {
            basis[i] = (float)((random.NextDouble() * 2) - 1);
        }

        Orthonormalize(basis, components, dimension);
        var next = new float[components * dimension];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            // next_c = M · basis_c (M symmetric, so row i of M dotted with basis_c).
            for (var c = 0; c < components; c++)
            {
                var b = basis.AsSpan(c * dimension, dimension);
                var target = next.AsSpan(c * dimension, dimension);
                for (var i = 0; i < dimension; i++)
                {
                    target[i] = TensorPrimitives.Dot(matrix.AsSpan(i * dimension, dimension), b);
                }
            }

            Orthonormalize(next, components, dimension);
            (basis, next) = (next, basis);
        }

        return basis;
    }

    /// <summary>Modified Gram–Schmidt over the rows; a row that collapses is replaced by a unit axis not yet spanned.</summary>
    private static void Orthonormalize(float[] rows, int count, int dimension)
    {
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * dimension, dimension);
            for (var attempt = 0; ; attempt++)
            {
                for (var p = 0; p < r; p++)
                {
                    var previous = rows.AsSpan(p * dimension, dimension);
                    TensorPrimitives.MultiplyAdd(previous, -TensorPrimitives.Dot(previous, row), row, row);
                }

                var norm = TensorPrimitives.Norm(row);
                if (norm > 1e-6f || attempt >= dimension)
                {
                    if (norm > 0f)
                    {
                        TensorPrimitives.Divide(row, norm, row);
                    }

                    break;
                }

                row.Clear();
                row[(r + attempt) % dimension] = 1f;
            }
        }
    }
}
