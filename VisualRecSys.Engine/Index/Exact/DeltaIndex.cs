using System.Buffers;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Index.Exact;

/// <summary>
/// An index plus the items added since it was built: the additions (the delta buffer) are searched exactly and
/// merged with the base index's results until a rebuild folds them in. An added id that the base also holds
/// replaces it. Adds are safe during queries: each query sees one consistent snapshot of the delta.
/// </summary>
public sealed class DeltaIndex : IVectorIndex
{
    private readonly IVectorIndex _base;
    private readonly Lock _addLock = new();
    private Snapshot _delta;

    /// <summary>Wraps <paramref name="baseIndex"/> with an empty delta buffer.</summary>
    public DeltaIndex(IVectorIndex baseIndex)
    {
        ArgumentNullException.ThrowIfNull(baseIndex);
        _base = baseIndex;
        _delta = Snapshot.Empty;
    }

    /// <summary>The index the delta is layered on.</summary>
    public IVectorIndex Base => _base;

    /// <summary>Items in the delta buffer.</summary>
    public int DeltaCount => Volatile.Read(ref _delta).Index?.Count ?? 0;

    /// <inheritdoc />
    public int Count
    {
        get
        {
            var delta = Volatile.Read(ref _delta);
            return _base.Count + (delta.Index?.Count ?? 0) - delta.Shadowed;
        }
    }

    /// <inheritdoc />
    public int Dimension => _base.Dimension;

    /// <inheritdoc />
    public DistanceMetric Metric => _base.Metric;

    /// <inheritdoc />
    public string ModelId => _base.ModelId;

    /// <summary>Adds (or replaces) an item in the delta buffer. Cost grows with the delta's size: rebuild when it is large.</summary>
    /// <param name="id">The item's id; an id already in the base index is shadowed by the new vector.</param>
    /// <param name="vector">Its vector, <see cref="Dimension"/> values.</param>
    /// <exception cref="ArgumentException">The vector has the wrong length or non-finite values.</exception>
    public void Add(int id, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException($"The vector has {vector.Length} values; the index holds vectors of {Dimension}.", nameof(vector));
        }

        lock (_addLock)
        {
            var current = _delta;
            var ids = new List<int>(current.Ids);
            var vectors = new List<float>(current.Vectors);
            var existing = ids.IndexOf(id);
            if (existing >= 0)
            {
                vector.CopyTo(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(vectors).Slice(existing * Dimension, Dimension));
            }
            else
            {
                ids.Add(id);
                vectors.AddRange(vector);
            }

            var matrix = new EmbeddingMatrix(ModelId, Dimension, [.. ids], [.. vectors]);
            var shadowed = ids.Count(_base.Contains);
            Volatile.Write(ref _delta, new Snapshot([.. ids], [.. vectors], new ExactIndex(matrix, Metric), shadowed));
        }
    }

    /// <inheritdoc />
    public int Search(ReadOnlySpan<float> query, int k, Span<SearchHit> destination, in SearchFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var delta = Volatile.Read(ref _delta);
        if (delta.Index is null)
        {
            return _base.Search(query, k, destination, filter);
        }

        // Ask the base for enough extra results to make up for the ids the delta shadows.
        var baseWanted = Math.Min(k + delta.Shadowed, Math.Max(_base.Count, 1));
        var baseHits = ArrayPool<SearchHit>.Shared.Rent(baseWanted);
        var deltaHits = ArrayPool<SearchHit>.Shared.Rent(k);
        try
        {
            var fromBase = _base.Search(query, baseWanted, baseHits.AsSpan(0, baseWanted), filter);
            var fromDelta = delta.Index.Search(query, k, deltaHits.AsSpan(0, k), filter);
            return Merge(baseHits.AsSpan(0, fromBase), deltaHits.AsSpan(0, fromDelta), delta.Index, destination[..Math.Min(k, destination.Length)]);
        }
        finally
        {
            ArrayPool<SearchHit>.Shared.Return(baseHits);
            ArrayPool<SearchHit>.Shared.Return(deltaHits);
        }
    }

    /// <inheritdoc />
    public bool TryGetVector(int id, Span<float> destination)
    {
        var delta = Volatile.Read(ref _delta);
        return (delta.Index?.TryGetVector(id, destination) ?? false) || _base.TryGetVector(id, destination);
    }

    /// <inheritdoc />
    public bool Contains(int id) => (Volatile.Read(ref _delta).Index?.Contains(id) ?? false) || _base.Contains(id);

    /// <summary>Two best-first lists into one, dropping base hits the delta shadows.</summary>
    private static int Merge(ReadOnlySpan<SearchHit> fromBase, ReadOnlySpan<SearchHit> fromDelta, ExactIndex delta, Span<SearchHit> destination)
    {
        int b = 0, d = 0, written = 0;
        while (written < destination.Length && (b < fromBase.Length || d < fromDelta.Length))
        {
            if (b < fromBase.Length && delta.Contains(fromBase[b].Id))
            {
                b++;
                continue;
            }

            var takeDelta = d < fromDelta.Length && (b >= fromBase.Length || fromDelta[d].Score > fromBase[b].Score);
            destination[written++] = takeDelta ? fromDelta[d++] : fromBase[b++];
        }

        return written;
    }

    private sealed record Snapshot(int[] Ids, float[] Vectors, ExactIndex? Index, int Shadowed)
    {
        public static Snapshot Empty { get; } = new([], [], null, 0);
    }
}
