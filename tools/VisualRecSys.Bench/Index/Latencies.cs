using VisualRecSys.Engine.Evaluation;

namespace VisualRecSys.Bench.Index;

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

        return sortedTicks[LatencyPercentiles.NearestRankIndex(sortedTicks.Length, p)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}
