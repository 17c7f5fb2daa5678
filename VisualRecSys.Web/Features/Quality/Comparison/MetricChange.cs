namespace VisualRecSys.Web.Features.Quality.Comparison;

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
