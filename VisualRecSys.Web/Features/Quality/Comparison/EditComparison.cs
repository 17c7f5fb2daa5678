using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Web.Features.Quality.Comparison;

/// <summary>The instance figures of one edit kind (or all searches, the overall row) in two runs.</summary>
/// <param name="Edit">The edit; null for the overall row.</param>
/// <param name="SearchesA">Its searches in run A (0 when A made none).</param>
/// <param name="SearchesB">Its searches in run B.</param>
/// <param name="RecallAt1">Instance recall@1 in both.</param>
/// <param name="RecallAt10">Instance recall@10 in both.</param>
/// <param name="Mrr">Mean reciprocal rank in both.</param>
public sealed record EditComparison(
    ImageEditKind? Edit,
    int SearchesA,
    int SearchesB,
    MetricChange RecallAt1,
    MetricChange RecallAt10,
    MetricChange Mrr)
{
    /// <summary>The row's name: the edit's report name, or <see cref="RunComparison.OverallName"/>.</summary>
    public string Name => Edit?.Name() ?? RunComparison.OverallName;

    /// <summary>The figures compared, with their column names.</summary>
    public IEnumerable<(string Name, MetricChange Change)> Figures()
    {
        yield return ("R@1", RecallAt1);
        yield return ("R@10", RecallAt10);
        yield return ("MRR", Mrr);
    }

    /// <summary>The row's trend, judged figure by figure as <see cref="CategoryComparison.Trend"/> is.</summary>
    public Trend Trend => Trends.Of(Figures().Count(f => f.Change.Trend == Trend.Improved), Figures().Count(f => f.Change.Trend == Trend.Regressed));

    /// <summary>The overall row and one per edit kind either run searched with (kind order), or none when neither measured instance figures.</summary>
    internal static IReadOnlyList<EditComparison> Of(InstanceReport? a, InstanceReport? b)
    {
        if (a is null && b is null)
        {
            return [];
        }

        var overall = new EditComparison(null, a?.Searches ?? 0, b?.Searches ?? 0,
            new(a?.RecallAt1, b?.RecallAt1), new(a?.RecallAt10, b?.RecallAt10), new(a?.Mrr, b?.Mrr));
        var inA = a?.PerEdit.ToDictionary(e => e.Edit) ?? [];
        var inB = b?.PerEdit.ToDictionary(e => e.Edit) ?? [];
        var edits = inA.Keys.Union(inB.Keys).Order().Select(kind =>
        {
            var ea = inA.GetValueOrDefault(kind);
            var eb = inB.GetValueOrDefault(kind);
            return new EditComparison(kind, ea?.Searches ?? 0, eb?.Searches ?? 0,
                new(ea?.RecallAt1, eb?.RecallAt1), new(ea?.RecallAt10, eb?.RecallAt10), new(ea?.Mrr, eb?.Mrr));
        });
        return [overall, .. edits];
    }
}
