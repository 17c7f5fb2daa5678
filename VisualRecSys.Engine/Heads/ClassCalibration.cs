using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// How a head's class scores become probabilities: each category's score is shifted by its <see cref="Offsets"/> entry
/// and all are divided by <see cref="Temperature"/> before the softmax. Offsets are chosen on held-out products so that
/// no category is given up for the others (a network trained on the mean loss leans away from the hardest one); a
/// temperature below 1 sharpens the prediction.
/// </summary>
public sealed record ClassCalibration
{
    /// <summary>Scores as the network gives them: no offsets, temperature 1.</summary>
    public static ClassCalibration None { get; } = new(1, []);

    /// <summary>A calibration of <paramref name="temperature"/> and per-category <paramref name="offsets"/> (empty: none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not positive and finite, or an offset is not finite.</exception>
    public ClassCalibration(float temperature, float[] offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        if (!(temperature > 0 && float.IsFinite(temperature)))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a positive number.");
        }

        if (!offsets.All(float.IsFinite))
        {
            throw new ArgumentOutOfRangeException(nameof(offsets), "A class offset is not a finite number.");
        }

        Temperature = temperature;
        Offsets = offsets;
    }

    /// <summary>What the shifted scores are divided by.</summary>
    public float Temperature { get; }

    /// <summary>Added to each category's score (empty: nothing added).</summary>
    public float[] Offsets { get; }

    /// <summary>Whether it changes nothing.</summary>
    public bool IsNone => Temperature == 1 && Offsets.All(o => o == 0);

    /// <summary>Shifts and divides <paramref name="rows"/> rows of class scores in place, then turns each into probabilities.</summary>
    public void ToProbabilities(Span<float> scores, int rows, int classes)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = scores.Slice(r * classes, classes);
            if (Offsets.Length == classes)
            {
                TensorPrimitives.Add(row, Offsets, row);
            }

            TensorPrimitives.Divide(row, Temperature, row);
            TensorPrimitives.SoftMax(row, row);
        }
    }
}
