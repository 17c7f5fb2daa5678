using VisualRecSys.Engine.Index;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>What the serving index is: which build, what kind, how big, and the model whose vectors it holds.</summary>
public sealed record ActiveIndexInfo(int? BuildId, string Kind, int Items, int DeltaItems, int Trees, DateTimeOffset? BuiltAt, string ModelId);

/// <summary>
/// Holds the index that serves queries. Swapping is a single reference write, so a query in flight finishes on
/// the index it started with; the replaced index is disposed (its file unmapped) only after a grace period, and not
/// before every <see cref="Lease"/> of it has ended: a search of an unmapped file kills the process.
/// </summary>
public sealed class ActiveIndex
{
    /// <summary>Longer than any query; short enough that old mappings do not pile up.</summary>
    private static readonly TimeSpan s_defaultGrace = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _grace;
    private readonly Lock _replacing = new();
    private Entry? _current;

    /// <summary>An active index whose replaced indexes are disposed 30 seconds after their replacement at the earliest.</summary>
    public ActiveIndex()
        : this(s_defaultGrace)
    {
    }

    /// <summary>As <see cref="ActiveIndex()"/>, with another grace period (tests).</summary>
    internal ActiveIndex(TimeSpan grace) => _grace = grace;

    /// <summary>The serving index, or null before the first build completes. For one query: its grace period covers it.</summary>
    public IVectorIndex? Current => Volatile.Read(ref _current)?.Index;

    /// <summary>What is serving, or null before the first build completes.</summary>
    public ActiveIndexInfo? Info => Volatile.Read(ref _current)?.Info;

    /// <summary>
    /// The serving index kept open until the lease is disposed, however long that is and whatever replaces it
    /// meanwhile: for work that searches one index for longer than a query (a duplicate scan of millions of products).
    /// </summary>
    /// <returns>The lease, or null before the first build completes.</returns>
    public IndexLease? Lease()
    {
        while (Volatile.Read(ref _current) is { } entry)
        {
            if (entry.Holds.TryAdd())
            {
                return new IndexLease(entry.Index, entry.Info, entry.Holds);
            }

            // That entry was replaced and released just now: the one that replaced it serves.
        }

        return null;
    }

    /// <summary>Serves <paramref name="index"/> from now on.</summary>
    /// <param name="index">The index to serve.</param>
    /// <param name="info">What it is, for status pages.</param>
    /// <param name="owner">What to dispose once the index is replaced (e.g. the mapped forest under a delta), if anything.</param>
    public void Replace(IVectorIndex index, ActiveIndexInfo info, IDisposable? owner = null)
    {
        lock (_replacing)
        {
            var previous = _current;
            // A new delta over the same forest shares the forest: one count of holds for both, so neither frees it under the other.
            var holds = previous is not null && owner is not null && ReferenceEquals(previous.Holds.Owner, owner) && previous.Holds.TryAdd()
                ? previous.Holds
                : new Holds(owner);
            Volatile.Write(ref _current, new Entry(index, info, holds));
            if (previous is not null)
            {
                _ = Task.Delay(_grace).ContinueWith(_ => previous.Holds.Release(), TaskScheduler.Default);
            }
        }
    }

    private sealed record Entry(IVectorIndex Index, ActiveIndexInfo Info, Holds Holds);

    /// <summary>
    /// Who still needs an owner: one hold while its index serves and through the grace period after, one per lease.
    /// The owner is disposed when the last hold is released.
    /// </summary>
    internal sealed class Holds(IDisposable? owner)
    {
        private int _count = 1;

        public IDisposable? Owner => owner;

        /// <summary>Adds a hold, unless the owner has been released already.</summary>
        public bool TryAdd()
        {
            var count = Volatile.Read(ref _count);
            while (count > 0)
            {
                var seen = Interlocked.CompareExchange(ref _count, count + 1, count);
                if (seen == count)
                {
                    return true;
                }

                count = seen;
            }

            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _count) == 0)
            {
                owner?.Dispose();
            }
        }
    }
}
