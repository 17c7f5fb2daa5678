namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// Labelled backbone vectors to train a head on: row i of <see cref="Vectors"/> has category <see cref="Labels"/>[i]
/// (0 ≤ label &lt; <see cref="Classes"/>). <see cref="Mirrored"/>, when given, holds the same rows embedded from the
/// mirrored images, used as augmentation: each epoch shows each row in one of its two views.
/// </summary>
public sealed record HeadTrainingSet(float[] Vectors, int[] Labels, int Dimension, int Classes, float[]? Mirrored = null)
{
    /// <summary>Rows in the set.</summary>
    public int Count => Labels.Length;

    /// <summary>Throws when the arrays do not fit together.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Vectors);
        ArgumentNullException.ThrowIfNull(Labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Dimension);
        if (Classes < 2)
        {
            throw new ArgumentException($"A head needs at least two categories; the training set has {Classes}.");
        }

        if (Vectors.Length != (long)Count * Dimension || (Mirrored is not null && Mirrored.Length != Vectors.Length))
        {
            throw new ArgumentException($"{Count} labels need {Count} × {Dimension} floats per view; got {Vectors.Length}{(Mirrored is null ? "" : $" and {Mirrored.Length}")}.");
        }

        foreach (var label in Labels)
        {
            if (label < 0 || label >= Classes)
            {
                throw new ArgumentException($"Label {label} is outside 0..{Classes - 1}.");
            }
        }
    }
}
