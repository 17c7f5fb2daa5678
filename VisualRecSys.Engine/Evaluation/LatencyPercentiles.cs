using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>Latency percentiles in milliseconds (nearest-rank: the smallest sample with at least p% at or below it).</summary>
/// <remarks>Serialises as <c>{ "p50", "p95", "p99" }</c> (part of <see cref="EvaluationReport"/>).</remarks>
public readonly record struct LatencyPercentiles(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95,
    [property: JsonPropertyName("p99")] double P99)
{
    /// <summary>Computes the percentiles of <paramref name="milliseconds"/>; all zero for no samples.</summary>
    public static LatencyPercentiles Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return default;
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencyPercentiles(
            sorted[NearestRankIndex(sorted.Length, 50)], sorted[NearestRankIndex(sorted.Length, 95)], sorted[NearestRankIndex(sorted.Length, 99)]);
    }

    /// <summary>The index in a sorted sample of <paramref name="count"/> values of its <paramref name="percent"/>th percentile (nearest rank).</summary>
    public static int NearestRankIndex(int count, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Math.Clamp((int)Math.Ceiling(percent / 100 * count), 1, count) - 1;
    }
}
