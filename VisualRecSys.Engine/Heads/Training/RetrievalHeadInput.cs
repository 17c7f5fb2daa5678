namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// What a retrieval head learns from: the training split's backbone vectors with their categories, and the backbone
/// vectors of edited copies (products photographed again, <see cref="Evaluation.Instance.ImageEdits"/>) of some of them.
/// </summary>
public sealed record RetrievalHeadInput
{
    /// <summary>Products × <see cref="Dimension"/> backbone vectors of the original images.</summary>
    public required float[] Vectors { get; init; }

    /// <summary>Each product's category, 0 ≤ label &lt; <see cref="Classes"/>.</summary>
    public required int[] Labels { get; init; }

    /// <summary>Length of a backbone vector.</summary>
    public required int Dimension { get; init; }

    /// <summary>Number of categories.</summary>
    public required int Classes { get; init; }

    /// <summary>Copies × <see cref="Dimension"/> backbone vectors of edited copies.</summary>
    public required float[] CopyVectors { get; init; }

    /// <summary>For each copy, the row of its original in <see cref="Vectors"/>.</summary>
    public required int[] CopyOf { get; init; }

    /// <summary>Products.</summary>
    public int Count => Labels.Length;

    /// <summary>Throws when the arrays do not fit together.</summary>
    /// <exception cref="ArgumentException">Sizes disagree, a label or a copy's original is out of range, or there are too few products or copies.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Vectors);
        ArgumentNullException.ThrowIfNull(Labels);
        ArgumentNullException.ThrowIfNull(CopyVectors);
        ArgumentNullException.ThrowIfNull(CopyOf);
        if (Classes < 2 || Count < 10 || Vectors.Length != (long)Count * Dimension)
        {
            throw new ArgumentException($"A retrieval head needs at least 10 products of at least two categories with {Dimension} floats each; got {Count} products, {Classes} categories, {Vectors.Length} floats.");
        }

        if (CopyOf.Length < 4 || CopyVectors.Length != (long)CopyOf.Length * Dimension)
        {
            throw new ArgumentException($"A retrieval head needs edited copies of at least 4 products with {Dimension} floats each; got {CopyOf.Length} copies, {CopyVectors.Length} floats.");
        }

        if (Labels.Any(l => l < 0 || l >= Classes) || CopyOf.Any(r => r < 0 || r >= Count))
        {
            throw new ArgumentException("A label or a copy's original is out of range.");
        }
    }
}
