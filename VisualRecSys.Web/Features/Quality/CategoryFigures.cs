using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Web.Features.Feedback;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>One row of a run's per-category table: the evaluation's figures on both ground truths and what people's labels say.</summary>
/// <param name="Category">The category's name.</param>
/// <param name="Queries">Its queries evaluated.</param>
/// <param name="Gallery">Its products searched.</param>
/// <param name="PrecisionAt1">Mean P@1.</param>
/// <param name="PrecisionAt5">Mean P@5.</param>
/// <param name="PrecisionAt10">Mean P@10.</param>
/// <param name="MapAtK">Mean average precision@k.</param>
/// <param name="AnnRecallAtK">Mean ANN recall@k against exact search; null without an index.</param>
/// <param name="HumanPrecision">Share of thumbs up among labelled results of this category's queries; null without labels.</param>
/// <param name="Labels">Labels given on this category's queries.</param>
/// <param name="InstanceSearches">Instance searches made from the category's products; null when the run measured no instance figures.</param>
/// <param name="InstanceRecallAt1">Share of them that found their original first; null without instance searches of the category.</param>
/// <param name="InstanceRecallAt10">Share with the original among the first 10; null without instance searches of the category.</param>
public sealed record CategoryFigures(
    string Category,
    int Queries,
    int Gallery,
    double PrecisionAt1,
    double PrecisionAt5,
    double PrecisionAt10,
    double MapAtK,
    double? AnnRecallAtK,
    double? HumanPrecision,
    int Labels,
    int? InstanceSearches = null,
    double? InstanceRecallAt1 = null,
    double? InstanceRecallAt10 = null)
{
    /// <summary>The rows of <paramref name="report"/>, in its order, with <paramref name="human"/>'s figures of each category.</summary>
    public static IReadOnlyList<CategoryFigures> Of(EvaluationReport report, HumanPrecisionReport? human)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.PerCategory.Select(c => human?.For(c.Category) is { } h
            ? From(c, h.Precision, h.Labels)
            : From(c, null, 0))];
    }

    private static CategoryFigures From(CategoryReport c, double? human, int labels)
    {
        // A category none of whose products was searched has no instance recall: its report's 0 is no measurement.
        var searched = c.InstanceSearches is > 0;
        return new(c.Category, c.Queries, c.Gallery, c.PrecisionAt1, c.PrecisionAt5, c.PrecisionAt10, c.MapAtK, c.AnnRecallAtK, human, labels,
            c.InstanceSearches, searched ? c.InstanceRecallAt1 : null, searched ? c.InstanceRecallAt10 : null);
    }
}
