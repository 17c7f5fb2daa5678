namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>
/// Where the fields of one node sit in an Annoy file for a metric and dimension f (all little-endian, 4 bytes each).
/// </summary>
/// <remarks>
/// Angular: n_descendants, children[2] (an item keeps its squared norm in children[0]'s place), v[f] → 12 + 4f bytes.
/// Euclidean: n_descendants, a (hyperplane offset), children[2], v[f] → 16 + 4f bytes.
/// A leaf's item ids start where the children are and may fill the vector's space too: K = f + 2 ids in both cases.
/// </remarks>
internal sealed class AnnoyLayout
{
    private AnnoyLayout(DistanceMetric metric, int dimension, int nodeSize, int offsetField, int childrenField, int vectorField)
    {
        Metric = metric;
        Dimension = dimension;
        NodeSize = nodeSize;
        OffsetField = offsetField;
        ChildrenField = childrenField;
        VectorField = vectorField;
        LeafCapacity = (nodeSize - childrenField) / 4;
    }

    public DistanceMetric Metric { get; }

    public int Dimension { get; }

    public int NodeSize { get; }

    /// <summary>Byte offset of the Euclidean hyperplane offset <c>a</c>; −1 for angular nodes, which have none.</summary>
    public int OffsetField { get; }

    public int ChildrenField { get; }

    public int VectorField { get; }

    /// <summary>K: the most ids a leaf node holds; a non-item node with at most this many descendants is a leaf.</summary>
    public int LeafCapacity { get; }

    /// <exception cref="NotSupportedException"><paramref name="metric"/> is <see cref="DistanceMetric.Dot"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The metric is unknown or the dimension is not positive or too large.</exception>
    public static AnnoyLayout For(DistanceMetric metric, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        // Keeps 4 × (dimension + 4) well inside an int.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, 1 << 24);
        return metric switch
        {
            DistanceMetric.Angular => new AnnoyLayout(metric, dimension, 12 + (4 * dimension), offsetField: -1, childrenField: 4, vectorField: 12),
            DistanceMetric.Euclidean => new AnnoyLayout(metric, dimension, 16 + (4 * dimension), offsetField: 4, childrenField: 8, vectorField: 16),
            // Annoy's "dot" index adds two extra fields (dot_factor, built) and stores transformed vectors; it is not supported.
            DistanceMetric.Dot => throw new NotSupportedException(
                "Annoy files can be written and read for Angular and Euclidean only: Annoy's \"dot\" index stores extra per-node fields and transformed vectors."),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown distance metric."),
        };
    }
}
