namespace VisualRecSys.Engine.Index;

/// <summary>Restricts which ids a search may return.</summary>
public readonly struct SearchFilter
{
    /// <summary>No restriction.</summary>
    public static SearchFilter None => default;

    /// <summary>An id never returned, typically the query's own item.</summary>
    public int? ExcludeId { get; init; }

    /// <summary>
    /// Returns whether an id may be returned. It is asked only about ids whose score would enter the current top k,
    /// so it must be a pure function of the id; it runs on the searching thread and must not allocate if the search
    /// is to stay allocation-free.
    /// </summary>
    public Func<int, bool>? Accept { get; init; }
}
