namespace VisualRecSys.Web.Cli.Bench;

/// <summary>Summary of per-query latencies measured with <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>.</summary>
internal static class Latencies
{
    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 100) of <paramref name="sortedTicks"/>, in milliseconds.</summary>
    public static double PercentileMs(ReadOnlySpan<long> sortedTicks, double p)
    {
        if (sortedTicks.IsEmpty)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p / 100 * sortedTicks.Length);
        return sortedTicks[Math.Clamp(rank, 1, sortedTicks.Length) - 1] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}
