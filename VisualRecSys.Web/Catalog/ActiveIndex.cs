using VisualRecSys.Engine.Index;

namespace VisualRecSys.Web.Catalog;

/// <summary>
/// Holds the index that serves queries. Swapping is a single reference write, so a query
/// in flight finishes on the index it started with and a failed build never replaces a good one.
/// </summary>
public sealed class ActiveIndex
{
    private IVectorIndex? _current;

    /// <summary>The serving index, or null before the first build completes.</summary>
    public IVectorIndex? Current => Volatile.Read(ref _current);

    public void Replace(IVectorIndex index) => Volatile.Write(ref _current, index);
}
