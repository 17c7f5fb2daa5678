namespace VisualRecSys.Web.Quality.Comparison;

/// <summary>Whether a figure (or a row of figures) got better, worse or stayed put from the baseline run to the other.</summary>
public enum Trend
{
    Unchanged,
    Improved,
    Regressed,

    /// <summary>A row whose figures moved both ways: some improved, some regressed.</summary>
    Mixed,
}

/// <summary>The trend of a row of figures.</summary>
public static class Trends
{
    /// <summary>Improved or regressed when all noticeable changes agree; mixed when they do not; unchanged without any.</summary>
    public static Trend Of(int improved, int regressed) => (improved, regressed) switch
    {
        (> 0, > 0) => Trend.Mixed,
        (> 0, _) => Trend.Improved,
        (_, > 0) => Trend.Regressed,
        _ => Trend.Unchanged,
    };

    /// <summary>The CSS class suffix of a trend: <c>improved</c>, <c>regressed</c>, <c>mixed</c>, <c>unchanged</c>.</summary>
    public static string CssName(this Trend trend) => trend.ToString().ToLowerInvariant();
}

/// <summary>One figure in both runs (null where a run has none, e.g. ANN recall without an index).</summary>
/// <param name="Baseline">The figure in the baseline run (A).</param>
/// <param name="Candidate">The figure in the run compared with it (B).</param>
public readonly record struct MetricChange(double? Baseline, double? Candidate)
{
    /// <summary>
    /// Differences smaller than this are noise, not a change: one query of a hundred moving by one neighbour of ten
    /// shifts a category's precision by 0.001, and small catalogs wobble by a few thousandths between models.
    /// </summary>
    public const double NoticeableChange = 0.005;

    /// <summary>Candidate − Baseline; null when either is missing.</summary>
    public double? Delta => Baseline is { } a && Candidate is { } b ? b - a : null;

    /// <summary>Improved or regressed by at least <see cref="NoticeableChange"/>; higher is better for every figure compared.</summary>
    public Trend Trend => Delta switch
    {
        >= NoticeableChange => Trend.Improved,
        <= -NoticeableChange => Trend.Regressed,
        _ => Trend.Unchanged,
    };
}
