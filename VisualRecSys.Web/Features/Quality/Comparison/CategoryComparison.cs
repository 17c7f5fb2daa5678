namespace VisualRecSys.Web.Features.Quality.Comparison;

/// <summary>Which ground truth a figure measures.</summary>
public enum QualityAxis
{
    /// <summary>Same-category neighbours (precision, mAP) and the index against exact search.</summary>
    Category,

    /// <summary>A product photographed again finding itself (instance recall).</summary>
    Instance,
}

/// <summary>A figure compared, as a column of the comparison shows it.</summary>
/// <param name="Name">The column's name (e.g. <c>P@1</c>, <c>Inst. R@1</c>).</param>
/// <param name="Change">The figure in both runs.</param>
/// <param name="Axis">Which ground truth it measures.</param>
public readonly record struct ComparedFigure(string Name, MetricChange Change, QualityAxis Axis);

/// <summary>One category (or the overall row) in two runs, on both ground truths.</summary>
/// <param name="Category">The category's name; <see cref="RunComparison.OverallName"/> for the overall row.</param>
/// <param name="QueriesA">Its queries in run A (0 when the category is not in it).</param>
/// <param name="QueriesB">Its queries in run B.</param>
/// <param name="PrecisionAt1">P@1 in both.</param>
/// <param name="PrecisionAt5">P@5 in both.</param>
/// <param name="PrecisionAt10">P@10 in both.</param>
/// <param name="MapAtK">mAP@k in both (each at its own run's k).</param>
/// <param name="AnnRecallAtK">ANN recall@k in both.</param>
/// <param name="InstanceRecallAt1">Instance recall@1 in both (null in a run without instance searches of the category).</param>
/// <param name="InstanceRecallAt10">Instance recall@10 in both.</param>
public sealed record CategoryComparison(
    string Category,
    int QueriesA,
    int QueriesB,
    MetricChange PrecisionAt1,
    MetricChange PrecisionAt5,
    MetricChange PrecisionAt10,
    MetricChange MapAtK,
    MetricChange AnnRecallAtK,
    MetricChange InstanceRecallAt1 = default,
    MetricChange InstanceRecallAt10 = default)
{
    /// <summary>The figures compared, with their column names, in display order: the category axis, then the instance axis.</summary>
    public IEnumerable<ComparedFigure> Figures(int kA, int kB)
    {
        yield return new("P@1", PrecisionAt1, QualityAxis.Category);
        yield return new("P@5", PrecisionAt5, QualityAxis.Category);
        yield return new("P@10", PrecisionAt10, QualityAxis.Category);
        yield return new(kA == kB ? $"mAP@{kA}" : "mAP@k", MapAtK, QualityAxis.Category);
        yield return new(kA == kB ? $"ANN R@{kA}" : "ANN R@k", AnnRecallAtK, QualityAxis.Category);
        yield return new("Inst. R@1", InstanceRecallAt1, QualityAxis.Instance);
        yield return new("Inst. R@10", InstanceRecallAt10, QualityAxis.Instance);
    }

    /// <summary>Figures that improved noticeably.</summary>
    public int Improved => All.Count(c => c.Trend == Trend.Improved);

    /// <summary>Figures that regressed noticeably.</summary>
    public int Regressed => All.Count(c => c.Trend == Trend.Regressed);

    /// <summary>
    /// The row's trend, judged figure by figure: improved or regressed only when every noticeable change goes that way,
    /// mixed when some figures improved and others regressed (a row is not painted red for one loss among gains).
    /// </summary>
    public Trend Trend => Trends.Of(Improved, Regressed);

    private MetricChange[] All => [PrecisionAt1, PrecisionAt5, PrecisionAt10, MapAtK, AnnRecallAtK, InstanceRecallAt1, InstanceRecallAt10];
}
