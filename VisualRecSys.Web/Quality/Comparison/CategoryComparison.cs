namespace VisualRecSys.Web.Quality.Comparison;

/// <summary>One category (or the overall row) in two runs.</summary>
/// <param name="Category">The category's name; <see cref="RunComparison.OverallName"/> for the overall row.</param>
/// <param name="QueriesA">Its queries in run A (0 when the category is not in it).</param>
/// <param name="QueriesB">Its queries in run B.</param>
/// <param name="PrecisionAt1">P@1 in both.</param>
/// <param name="PrecisionAt5">P@5 in both.</param>
/// <param name="PrecisionAt10">P@10 in both.</param>
/// <param name="MapAtK">mAP@k in both (each at its own run's k).</param>
/// <param name="AnnRecallAtK">ANN recall@k in both.</param>
public sealed record CategoryComparison(
    string Category,
    int QueriesA,
    int QueriesB,
    MetricChange PrecisionAt1,
    MetricChange PrecisionAt5,
    MetricChange PrecisionAt10,
    MetricChange MapAtK,
    MetricChange AnnRecallAtK)
{
    /// <summary>The figures compared, with their column names, in display order.</summary>
    public IEnumerable<(string Name, MetricChange Change)> Figures(int kA, int kB)
    {
        yield return ("P@1", PrecisionAt1);
        yield return ("P@5", PrecisionAt5);
        yield return ("P@10", PrecisionAt10);
        yield return (kA == kB ? $"mAP@{kA}" : "mAP@k", MapAtK);
        yield return (kA == kB ? $"ANN R@{kA}" : "ANN R@k", AnnRecallAtK);
    }

    /// <summary>The overall trend: regressed if any figure regressed, else improved if any improved.</summary>
    public Trend Trend
    {
        get
        {
            MetricChange[] all = [PrecisionAt1, PrecisionAt5, PrecisionAt10, MapAtK, AnnRecallAtK];
            return all.Any(c => c.Trend == Trend.Regressed) ? Trend.Regressed
                : all.Any(c => c.Trend == Trend.Improved) ? Trend.Improved
                : Trend.Unchanged;
        }
    }
}
