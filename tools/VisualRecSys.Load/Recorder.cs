using System.Collections.Concurrent;
using System.Diagnostics;

namespace VisualRecSys.Load;

/// <summary>Latencies and errors per kind of operation, recorded only while the measured part of the run is on.</summary>
internal sealed class Recorder
{
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>False during warm-up: operations run but are not counted.</summary>
    public volatile bool Measuring;

    /// <summary>Times <paramref name="operation"/>; an exception or a false result is an error (with its message kept).</summary>
    public async Task TimeAsync(string kind, Func<Task<string?>> operation)
    {
        var clock = Stopwatch.StartNew();
        string? error;
        try
        {
            error = await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }

        if (Measuring)
        {
            var series = _series.GetOrAdd(kind, _ => new Series());
            lock (series)
            {
                series.Milliseconds.Add(clock.Elapsed.TotalMilliseconds);
                if (error is not null)
                {
                    series.Errors++;
                    if (series.FirstErrors.Count < 5)
                    {
                        series.FirstErrors.Add(error);
                    }
                }
            }
        }
    }

    /// <summary>The figures of every kind, by name.</summary>
    public IReadOnlyList<KindFigures> Figures(double seconds) =>
    [
        .. _series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            lock (s.Value)
            {
                var sorted = s.Value.Milliseconds.Order().ToArray();
                return new KindFigures(s.Key, sorted.Length, s.Value.Errors, Percentile(sorted, 0.50), Percentile(sorted, 0.99),
                    sorted.Length / seconds, [.. s.Value.FirstErrors]);
            }
        }),
    ];

    /// <summary>Nearest-rank percentile of sorted values (0 when there are none).</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class Series
    {
        public List<double> Milliseconds { get; } = [];
        public int Errors { get; set; }
        public List<string> FirstErrors { get; } = [];
    }
}

/// <summary>One kind of operation over the measured run.</summary>
internal sealed record KindFigures(string Kind, int Count, int Errors, double P50Ms, double P99Ms, double PerSecond, IReadOnlyList<string> FirstErrors);
