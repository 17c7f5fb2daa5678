using VisualRecSys.Engine.Index;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>An index kept open for its holder: see <see cref="ActiveIndex.Lease"/>. Dispose it when done.</summary>
public sealed class IndexLease : IDisposable
{
    private ActiveIndex.Holds? _holds;

    internal IndexLease(IVectorIndex index, ActiveIndexInfo info, ActiveIndex.Holds holds)
    {
        Index = index;
        Info = info;
        _holds = holds;
    }

    /// <summary>The index, open until this lease is disposed.</summary>
    public IVectorIndex Index { get; }

    /// <summary>What the index is.</summary>
    public ActiveIndexInfo Info { get; }

    /// <summary>Ends the lease; the index is disposed if it has been replaced and nothing else holds it.</summary>
    public void Dispose() => Interlocked.Exchange(ref _holds, null)?.Release();
}
