using System.Globalization;

namespace VisualRecSys.Web.Components.Shared;

/// <summary>How the consoles (quality, builds, feedback, status) write figures: three decimals, invariant, "–" for a figure a run does not have.</summary>
internal static class Figure
{
    public const string Missing = "–";

    public static string Of(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Of(double? value) => value is { } v ? Of(v) : Missing;

    /// <summary>A signed difference: <c>+0.050</c>, <c>−0.020</c>, <c>0.000</c>.</summary>
    public static string Delta(double? value) => value is { } v ? v.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture) : Missing;

    public static string Milliseconds(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) + " ms" : Missing;

    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Where an instance search ranked its original: <c>rank 14</c>, or <c>not in the top 100</c> when it was not found that deep.</summary>
    public static string Rank(int? rank, int depth) => rank is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"rank {r}")
        : string.Create(CultureInfo.InvariantCulture, $"not in the top {depth}");

    public static string Time(DateTimeOffset value) => $"{Date(value)} {Clock(value)}";

    /// <summary>The UTC day of <paramref name="value"/>, <c>2026-12-03</c>: the first part of <see cref="Time"/>.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTC time of day of <paramref name="value"/>, <c>14:50:12 UTC</c>: the second part of <see cref="Time"/>.</summary>
    public static string Clock(DateTimeOffset value) => value.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
