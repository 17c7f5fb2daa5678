using System.Diagnostics;

namespace VisualRecSys.Web.Features.Status;

/// <summary>Latency percentiles of the recent similar-items queries.</summary>
public sealed record LatencySummary(int Count, double? P50Milliseconds, double? P95Milliseconds, TimeSpan Window);

/// <summary>
/// The handling time of recent similar-items requests (<c>/api/products/{id}/similar</c>, <c>/api/similar</c>) in a
/// fixed ring buffer: recording is a lock-free slot write on the hot path, and the status page sorts a copy of the
/// recent minutes when asked. The oldest entries are overwritten once it is full.
/// </summary>
public sealed class QueryLatency(TimeProvider clock)
{
    public const int Capacity = 8192;

    /// <summary>How far back the percentiles look.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly long[] _at = new long[Capacity];
    private readonly float[] _milliseconds = new float[Capacity];
    private long _next = -1;

    /// <summary>Records one request that took <paramref name="elapsed"/>.</summary>
    public void Record(TimeSpan elapsed)
    {
        var slot = (int)(Interlocked.Increment(ref _next) % Capacity);
        _milliseconds[slot] = (float)elapsed.TotalMilliseconds;
        Volatile.Write(ref _at[slot], clock.GetTimestamp());
    }

    /// <summary>p50 and p95 of the requests of the last <see cref="Window"/>.</summary>
    public LatencySummary Summarize()
    {
        var now = clock.GetTimestamp();
        var oldest = now - (long)(Window.TotalSeconds * clock.TimestampFrequency);
        var recent = new List<float>();
        for (var slot = 0; slot < Capacity; slot++)
        {
            var at = Volatile.Read(ref _at[slot]);
            if (at != 0 && at >= oldest)
            {
                recent.Add(_milliseconds[slot]);
            }
        }

        if (recent.Count == 0)
        {
            return new LatencySummary(0, null, null, Window);
        }

        recent.Sort();
        return new LatencySummary(recent.Count, Percentile(recent, 0.50), Percentile(recent, 0.95), Window);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<float> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Times the similar-items routes; other requests pass untouched.</summary>
    internal static async Task MeasureAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsSimilarQuery(context))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await next(context);
        if (context.Response.StatusCode < 500)
        {
            context.RequestServices.GetRequiredService<QueryLatency>().Record(Stopwatch.GetElapsedTime(started));
        }
    }

    private static bool IsSimilarQuery(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return pattern is "/api/similar" || (pattern is not null && pattern.EndsWith("/similar", StringComparison.Ordinal)
            && pattern.StartsWith("/api/products/", StringComparison.Ordinal));
    }
}
