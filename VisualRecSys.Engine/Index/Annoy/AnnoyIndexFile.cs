namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>The contents of an Annoy index file, as returned by <see cref="AnnoyFile.Read(string, DistanceMetric, int)"/>.</summary>
public sealed class AnnoyIndexFile
{
    internal AnnoyIndexFile(
        DistanceMetric metric,
        int dimension,
        float[] vectors,
        IReadOnlyList<SplitNode> roots,
        IReadOnlyList<int> missingItems,
        IReadOnlyDictionary<SplitNode, int>? nodeIndices)
    {
        Metric = metric;
        Dimension = dimension;
        Vectors = vectors;
        Count = vectors.Length / dimension;
        Roots = roots;
        MissingItems = missingItems;
        NodeIndices = nodeIndices;
    }

    /// <summary>The metric the file was read as.</summary>
    public DistanceMetric Metric { get; }

    /// <summary>Length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of items (Annoy's <c>get_n_items()</c>); ids are 0 … Count − 1.</summary>
    public int Count { get; }

    /// <summary>Count × Dimension floats, item after item, exactly as stored (angular vectors are not normalized).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays",
        Justification = "Handed over as is (e.g. to EmbeddingMatrix) without a copy of a possibly large array.")]
    public float[] Vectors { get; }

    /// <summary>One root per tree.</summary>
    public IReadOnlyList<SplitNode> Roots { get; }

    /// <summary>
    /// Ids below <see cref="Count"/> that were never added to the Annoy index (Annoy allows gaps): their vectors are
    /// zero and no tree holds them. Ascending; usually empty.
    /// </summary>
    public IReadOnlyList<int> MissingItems { get; }

    /// <summary>Each node's index in the file, when asked for: Annoy breaks search-priority ties by it.</summary>
    internal IReadOnlyDictionary<SplitNode, int>? NodeIndices { get; }

    /// <summary>The vector of <paramref name="item"/>.</summary>
    /// <param name="item">An id below <see cref="Count"/>.</param>
    /// <returns><see cref="Dimension"/> floats.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="item"/> is not an item id.</exception>
    public ReadOnlySpan<float> Vector(int item)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, Count);
        return Vectors.AsSpan(item * Dimension, Dimension);
    }
}
