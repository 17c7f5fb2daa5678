using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Index;

/// <summary>The argument checks every index's Search makes, in one place so they fail alike.</summary>
internal static class SearchArguments
{
    /// <summary>Checks a query against an index of <paramref name="dimension"/> and <paramref name="count"/> items; returns how many hits to write.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    /// <exception cref="ArgumentException">The query has the wrong length or non-finite values, or the destination is too small.</exception>
    public static int Check(ReadOnlySpan<float> query, int k, ReadOnlySpan<SearchHit> destination, int dimension, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (query.Length != dimension)
        {
            throw new ArgumentException($"The query has {query.Length} values; the index holds vectors of {dimension}.", nameof(query));
        }

        if (!TensorPrimitives.IsFiniteAll(query))
        {
            throw new ArgumentException("The query contains NaN or infinite values.", nameof(query));
        }

        var wanted = Math.Min(k, count);
        if (destination.Length < wanted)
        {
            throw new ArgumentException($"The destination holds {destination.Length} hits; {wanted} are needed.", nameof(destination));
        }

        return wanted;
    }
}
