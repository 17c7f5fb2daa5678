using System.Diagnostics;

namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>
/// What a running job reports through: its stage and counts (rate and time left are worked out here), and the index
/// build it made. Reports are published at most every <see cref="PublishEvery"/> (a forest reports every tree, thousands
/// a second), except the first of a stage and the last.
/// </summary>
public sealed class JobContext
{
    private static readonly TimeSpan s_publishEvery = TimeSpan.FromMilliseconds(100);

    private readonly Action<JobState> _publish;
    private readonly Lock _gate = new();
    private readonly Stopwatch _stageClock = new();
    private JobState _state;
    private long _lastPublished = long.MinValue;

    internal JobContext(JobState initial, Action<JobState> publish)
    {
        _state = initial;
        _publish = publish;
    }

    /// <summary>Minimum time between two published progress reports of one stage.</summary>
    public static TimeSpan PublishEvery => s_publishEvery;

    /// <summary>The job's state as last reported.</summary>
    public JobState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Starts a stage: its name, what it counts and how many (0 when not known).</summary>
    public void Stage(string stage, long total = 0, string unit = "")
    {
        JobState next;
        lock (_gate)
        {
            _stageClock.Restart();
            next = _state = _state with { Stage = stage, Done = 0, Total = total, Unit = unit, RatePerSecond = null, Remaining = null };
            _lastPublished = _stageClock.ElapsedTicks;
        }

        _publish(next);
    }

    /// <summary>Reports <paramref name="done"/> units of the stage finished (and a new total when it changed).</summary>
    public void Report(long done, long? total = null)
    {
        JobState next;
        lock (_gate)
        {
            var all = total ?? _state.Total;
            var seconds = _stageClock.Elapsed.TotalSeconds;
            double? rate = seconds > 0.2 && done > 0 ? done / seconds : null;
            TimeSpan? remaining = rate is > 0 && all > 0 ? TimeSpan.FromSeconds(Math.Max(0, all - done) / rate.Value) : null;
            _state = _state with { Done = done, Total = all, RatePerSecond = rate, Remaining = remaining };
            var now = _stageClock.ElapsedTicks;
            if (done < all && now - _lastPublished < s_publishEvery.TotalSeconds * Stopwatch.Frequency)
            {
                return;
            }

            _lastPublished = now;
            next = _state;
        }

        _publish(next);
    }

    /// <summary>Records the index build the job made (or works on), for the API and the pages to link to.</summary>
    public void SetBuild(int buildId)
    {
        JobState next;
        lock (_gate)
        {
            next = _state = _state with { BuildId = buildId };
        }

        _publish(next);
    }

    /// <summary>An <see cref="IProgress{T}"/> of done counts for the current stage, reported on the caller's thread.</summary>
    public IProgress<int> Counter() => new InlineProgress<int>(done => Report(done));

    internal JobState Finish(string status, string message, DateTimeOffset at)
    {
        lock (_gate)
        {
            return _state = _state with { Status = status, Message = message, FinishedAt = at };
        }
    }
}
