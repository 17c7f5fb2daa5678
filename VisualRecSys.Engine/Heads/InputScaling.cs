using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// What a head does to a backbone vector before its first layer: optionally L2-normalise it (backbone vectors of the same
/// look differ in length with contrast and size), then standardise each feature with the training set's mean and spread.
/// </summary>
public sealed class InputScaling
{
    /// <summary>Scaling with the given per-feature means and multipliers (1 / standard deviation).</summary>
    public InputScaling(bool normalizeLength, float[] mean, float[] multiplier)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(multiplier);
        if (mean.Length == 0 || mean.Length != multiplier.Length)
        {
            throw new ArgumentException($"Means ({mean.Length}) and multipliers ({multiplier.Length}) must be as many as the features, at least one.");
        }

        NormalizeLength = normalizeLength;
        Mean = mean;
        Multiplier = multiplier;
    }

    /// <summary>Whether vectors are scaled to unit length first.</summary>
    public bool NormalizeLength { get; }

    /// <summary>Per-feature mean of the (normalised) training vectors.</summary>
    public float[] Mean { get; }

    /// <summary>Per-feature 1 / standard deviation (1 where a feature does not vary).</summary>
    public float[] Multiplier { get; }

    /// <summary>Features per vector.</summary>
    public int Dimension => Mean.Length;

    /// <summary>Measures the scaling of <paramref name="rows"/> training vectors.</summary>
    public static InputScaling Fit(ReadOnlySpan<float> vectors, int rows, int dimension, bool normalizeLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var sum = new double[dimension];
        var sumOfSquares = new double[dimension];
        var row = new float[dimension];
        for (var r = 0; r < rows; r++)
        {
            Normalize(vectors.Slice(r * dimension, dimension), row, normalizeLength);
            for (var d = 0; d < dimension; d++)
            {
                sum[d] += row[d];
                sumOfSquares[d] += (double)row[d] * row[d];
            }
        }

        var mean = new float[dimension];
        var multiplier = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            var m = sum[d] / rows;
            var variance = Math.Max(0, (sumOfSquares[d] / rows) - (m * m));
            mean[d] = (float)m;
            multiplier[d] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 1f;
        }

        return new InputScaling(normalizeLength, mean, multiplier);
    }

    /// <summary>Scales one vector into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> vector, Span<float> destination)
    {
        Normalize(vector, destination, NormalizeLength);
        TensorPrimitives.Subtract(destination, Mean, destination);
        TensorPrimitives.Multiply(destination, Multiplier, destination);
    }

    private static void Normalize(ReadOnlySpan<float> vector, Span<float> destination, bool normalizeLength)
    {
        vector.CopyTo(destination);
        if (normalizeLength)
        {
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(destination, norm, destination);
            }
        }
    }
}
