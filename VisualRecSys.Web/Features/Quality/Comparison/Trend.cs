namespace VisualRecSys.Web.Features.Quality.Comparison;

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
