using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Web.Features.Feedback;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>One row of a run's per-category table: the evaluation's figures on both ground truths and what people's labels say.</summary>
/// <param name="Figures">The evaluation's figures of the category, as the report holds them (instance recall null when none of its products was searched).</param>
/// <param name="HumanPrecision">Share of thumbs up among labelled results of this category's queries; null without labels.</param>
/// <param name="Labels">Labels given on this category's queries.</param>
public sealed record CategoryFigures(CategoryReport Figures, double? HumanPrecision, int Labels)
{
    /// <summary>The rows of <paramref name="report"/>, in its order, with <paramref name="human"/>'s figures of each category.</summary>
    public static IReadOnlyList<CategoryFigures> Of(EvaluationReport report, HumanPrecisionReport? human)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.PerCategory.Select(c => human?.For(c.Category) is { } h
            ? From(c, h.Precision, h.Labels)
            : From(c, null, 0))];
    }

    private static CategoryFigures From(CategoryReport c, double? human, int labels) =>
        // A category none of whose products was searched has no instance recall: its report's 0 is no measurement.
        new(c.InstanceSearches is > 0 ? c : c with { InstanceRecallAt1 = null, InstanceRecallAt10 = null }, human, labels);
}
