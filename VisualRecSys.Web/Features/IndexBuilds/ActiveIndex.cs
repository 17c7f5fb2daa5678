using VisualRecSys.Engine.Index;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>What the serving index is: which build, what kind, how big, and the model whose vectors it holds.</summary>
public sealed record ActiveIndexInfo(int? BuildId, string Kind, int Items, int DeltaItems, int Trees, DateTimeOffset? BuiltAt, string ModelId);

/// <summary>
/// Holds the index that serves queries. Swapping is a single reference write, so a query in flight finishes on
/// the index it started with; the replaced index is disposed (its file unmapped) only after a grace period.
/// </summary>
public sealed class ActiveIndex
{
    /// <summary>Longer than any query; short enough that old mappings do not pile up.</summary>
    private static readonly TimeSpan s_disposeAfter = TimeSpan.FromSeconds(30);

    private Entry? _current;

    /// <summary>The serving index, or null before the first build completes.</summary>
    public IVectorIndex? Current => Volatile.Read(ref _current)?.Index;

    /// <summary>What is serving, or null before the first build completes.</summary>
    public ActiveIndexInfo? Info => Volatile.Read(ref _current)?.Info;

    /// <summary>Serves <paramref name="index"/> from now on.</summary>
    /// <param name="index">The index to serve.</param>
    /// <param name="info">What it is, for status pages.</param>
    /// <param name="owner">What to dispose once the index is replaced (e.g. the mapped forest under a delta), if anything.</param>
    public void Replace(IVectorIndex index, ActiveIndexInfo info, IDisposable? owner = null)
    {
        var previous = Interlocked.Exchange(ref _current, new Entry(index, info, owner));
        if (previous?.Owner is { } disposable && !ReferenceEquals(previous.Owner, owner))
        {
            _ = Task.Delay(s_disposeAfter).ContinueWith(_ => disposable.Dispose(), TaskScheduler.Default);
        }
    }

    private sealed record Entry(IVectorIndex Index, ActiveIndexInfo Info, IDisposable? Owner);
}
