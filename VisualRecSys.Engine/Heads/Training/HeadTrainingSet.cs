namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// Labelled backbone vectors to train a head on: row i of <see cref="Vectors"/> has category <see cref="Labels"/>[i]
/// (0 ≤ label &lt; <see cref="Classes"/>). <see cref="Mirrored"/>, when given, holds the same rows embedded from the
/// mirrored images, used as augmentation: each epoch shows each row in one of its two views.
/// </summary>
public sealed record HeadTrainingSet(float[] Vectors, int[] Labels, int Dimension, int Classes, float[]? Mirrored = null)
{
    /// <summary>
    /// The rows held out to choose the epoch, when the caller chooses them (so that every member of an ensemble, and
    /// what is measured after training, holds out the same products); null: a seeded share of the rows.
    /// </summary>
    public IReadOnlyList<int>? Validation { get; init; }

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

        if (Validation is { } held && held.Any(row => row < 0 || row >= Count))
        {
            throw new ArgumentException($"A validation row is outside 0..{Count - 1}.");
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
