using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Features.Status;

/// <summary>One warning or error as the status page lists it.</summary>
public sealed record LogEntry(DateTimeOffset At, string Level, string Category, string Message, string? Exception);

/// <summary>
/// The last <see cref="Capacity"/> warnings and errors of this process, kept in memory for the status page: a logger
/// provider beside the console's, so nothing else about logging changes.
/// </summary>
public sealed class RecentLogs : ILoggerProvider
{
    public const int Capacity = 100;

    private readonly Queue<LogEntry> _entries = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;

    public RecentLogs(TimeProvider clock) => _clock = clock;

    /// <summary>The kept entries, newest first.</summary>
    public IReadOnlyList<LogEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Reverse()];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Sink(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }
        }
    }

    private sealed class Sink(RecentLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            owner.Add(new LogEntry(owner._clock.GetUtcNow(), logLevel.ToString(), category, formatter(state, exception),
                exception is null ? null : $"{exception.GetType().Name}: {exception.Message}"));
        }
    }
}
