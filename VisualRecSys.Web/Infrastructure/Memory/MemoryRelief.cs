using VisualRecSys.Engine.Memory;

namespace VisualRecSys.Web.Infrastructure.Memory;

/// <summary>
/// Gives memory back to the system once a burst of heavy, short-lived work (large uploads decoded and embedded) has gone
/// quiet: a full compacting collection that also decommits the managed heap's free space, then the free pages of the C
/// heap (<see cref="NativeHeap.Trim"/>). Nothing else would: with no more requests the server GC never runs again, and
/// glibc keeps freed pages inside its arenas. The collection blocks the process for a moment, so it runs once per burst,
/// after its last piece, and at most once per <see cref="MinimumInterval"/>.
/// </summary>
public sealed class MemoryRelief : IDisposable
{
    /// <summary>How long after the last piece of heavy work memory is given back: a burst's pieces come closer together.</summary>
    public static readonly TimeSpan DefaultQuiet = TimeSpan.FromSeconds(2);

    /// <summary>The least time between two reliefs: a steady trickle of uploads does not pay a full collection each.</summary>
    public static readonly TimeSpan DefaultMinimumInterval = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _clock;
    private readonly ITimer _timer;
    private readonly TimeSpan _quiet;
    private readonly Lock _gate = new();
    private long? _lastRelief;
    private int _reliefs;

    public MemoryRelief(TimeProvider clock)
        : this(clock, DefaultQuiet, DefaultMinimumInterval)
    {
    }

    internal MemoryRelief(TimeProvider clock, TimeSpan quiet, TimeSpan minimumInterval)
    {
        _clock = clock;
        _quiet = quiet;
        MinimumInterval = minimumInterval;
        _timer = clock.CreateTimer(_ => Relieve(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The least time between two reliefs.</summary>
    public TimeSpan MinimumInterval { get; }

    /// <summary>How many times memory was given back since the start.</summary>
    public int Reliefs => Volatile.Read(ref _reliefs);

    /// <summary>When the latest relief started, as a timestamp of the clock (for tests of <see cref="MinimumInterval"/>).</summary>
    internal long? LastReliefTimestamp
    {
        get
        {
            lock (_gate)
            {
                return _lastRelief;
            }
        }
    }

    /// <summary>Heavy work just ended: memory is given back once no more has ended for the quiet time.</summary>
    public void AfterHeavyWork()
    {
        // Each call starts the wait again, so a burst is relieved once, after its last piece.
        lock (_gate)
        {
            _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Relieve()
    {
        lock (_gate)
        {
            if (_lastRelief is { } last && _clock.GetElapsedTime(last) is var since && since < MinimumInterval)
            {
                _timer.Change(MinimumInterval - since, Timeout.InfiniteTimeSpan);
                return;
            }

            _lastRelief = _clock.GetTimestamp();
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
        Interlocked.Increment(ref _reliefs);
    }

    public void Dispose() => _timer.Dispose();
}
