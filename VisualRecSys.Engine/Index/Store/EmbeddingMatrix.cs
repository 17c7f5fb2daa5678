using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Index.Store;

/// <summary>
/// Row-major vectors with their ids, all produced by one model. The arrays given to the constructor are
/// taken over, not copied: do not change them afterwards.
/// </summary>
public sealed class EmbeddingMatrix
{
    private readonly int[] _ids;
    private readonly float[] _vectors;
    private readonly Dictionary<int, int> _rowById;

    /// <summary>Creates the matrix, checking that it is consistent.</summary>
    /// <param name="modelId">The model that produced the vectors (e.g. <c>"resnet18-imagenet"</c>).</param>
    /// <param name="dimension">Length of each vector.</param>
    /// <param name="ids">One unique id per row.</param>
    /// <param name="vectors"><c>ids.Length × dimension</c> finite floats, row after row.</param>
    /// <exception cref="ArgumentException">Lengths disagree, an id repeats, or a value is NaN or infinite.</exception>
    public EmbeddingMatrix(string modelId, int dimension, int[] ids, float[] vectors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(vectors);
        if ((long)ids.Length * dimension != vectors.Length)
        {
            throw new ArgumentException(
                $"{ids.Length} ids × dimension {dimension} = {(long)ids.Length * dimension} floats expected; got {vectors.Length}.",
                nameof(vectors));
        }

        // (IsFiniteAll is false for an empty span, hence the length check.)
        if (vectors.Length > 0 && !TensorPrimitives.IsFiniteAll<float>(vectors))
        {
            // One NaN would make every comparison with it false and silently corrupt rankings.
            throw new ArgumentException("The vectors contain NaN or infinite values.", nameof(vectors));
        }

        var rowById = new Dictionary<int, int>(ids.Length);
        for (var row = 0; row < ids.Length; row++)
        {
            if (!rowById.TryAdd(ids[row], row))
            {
                throw new ArgumentException($"Id {ids[row]} appears more than once (rows {rowById[ids[row]]} and {row}).", nameof(ids));
            }
        }

        ModelId = modelId;
        Dimension = dimension;
        _ids = ids;
        _vectors = vectors;
        _rowById = rowById;
    }

    /// <summary>The model that produced the vectors.</summary>
    public string ModelId { get; }

    /// <summary>Length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of rows.</summary>
    public int Count => _ids.Length;

    /// <summary>The id of each row.</summary>
    public ReadOnlySpan<int> Ids => _ids;

    /// <summary>All vectors, row after row.</summary>
    public ReadOnlyMemory<float> Vectors => _vectors;

    /// <summary>The vector of row <paramref name="row"/> (not of an id: see <see cref="TryGetRow"/>).</summary>
    public ReadOnlySpan<float> Vector(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return _vectors.AsSpan(row * Dimension, Dimension);
    }

    /// <summary>Finds the row holding <paramref name="id"/>.</summary>
    public bool TryGetRow(int id, out int row) => _rowById.TryGetValue(id, out row);

    /// <summary>Copies the vectors of <paramref name="ids"/>, in that order, into <paramref name="destination"/> (ids × <see cref="Dimension"/> floats).</summary>
    /// <exception cref="KeyNotFoundException">An id has no vector.</exception>
    public void CopyVectors(ReadOnlySpan<int> ids, Span<float> destination)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            if (!TryGetRow(ids[i], out var row))
            {
                throw new KeyNotFoundException($"Product {ids[i]} has no vector of model {ModelId}.");
            }

            Vector(row).CopyTo(destination.Slice(i * Dimension, Dimension));
        }
    }
}
