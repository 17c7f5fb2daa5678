using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>A model measured on both ground truths: how often its neighbours share the query's category, and how often a product photographed again finds itself.</summary>
/// <param name="Name">What was measured (a model id, or a candidate's description).</param>
/// <param name="CategoryPrecisionAt10">Category precision@10.</param>
/// <param name="WorstCategoryPrecisionAt10">The lowest category precision@10 of any category.</param>
/// <param name="InstanceRecallAt1">Instance recall@1 on the same edits (or item ids) as the figures it is compared with.</param>
/// <param name="InstanceRecallAt10">Instance recall@10 on the same searches.</param>
public sealed record TwoAxisFigures(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("category_precision_at_10")] double CategoryPrecisionAt10,
    [property: JsonPropertyName("worst_category_precision_at_10")] double WorstCategoryPrecisionAt10,
    [property: JsonPropertyName("instance_recall_at_1")] double InstanceRecallAt1,
    [property: JsonPropertyName("instance_recall_at_10")] double InstanceRecallAt10);

/// <summary>
/// How the default model is chosen, so that no default is chosen by one number alone. A candidate keeps likeness when
/// its instance recall@1 is at least the backbone's less <see cref="InstanceTolerance"/>; among those, the ones that
/// put a re-photographed product on the first screen (instance recall@10 ≥ <see cref="FirstScreenRecall"/>) come first
/// when there are any; of these, the one with the highest category precision@10, unless the backbone's is higher (the
/// backbone always qualifies). A model that only knows categories (one-hot logits) finds a re-photographed product among
/// hundreds of equally scored ones, so it fails the first test however well it sorts by category.
/// </summary>
public static class TwoAxisRule
{
    /// <summary>How much instance recall@1 a candidate may lose against the backbone and still be chosen.</summary>
    public const double InstanceTolerance = 0.01;

    /// <summary>The instance recall@10 that puts a product photographed again on the first screen of results for 19 shoppers in 20.</summary>
    public const double FirstScreenRecall = 0.95;

    /// <summary>Whether <paramref name="candidate"/> keeps what makes neighbours look alike: instance recall@1 within the tolerance of <paramref name="backbone"/>'s.</summary>
    public static bool KeepsLikeness(TwoAxisFigures candidate, TwoAxisFigures backbone)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(backbone);
        return candidate.InstanceRecallAt1 >= backbone.InstanceRecallAt1 - InstanceTolerance;
    }

    /// <summary>
    /// The best of <paramref name="candidates"/> by the rule's order (keeping likeness, then the first screen, then
    /// category precision@10), even when the backbone's precision is higher; when none keeps likeness, the one closest
    /// to it (highest instance recall@1). For choosing among variants of one model (a head's backbone share).
    /// </summary>
    /// <exception cref="ArgumentException">There are no candidates.</exception>
    public static TwoAxisFigures ChooseAmong(IReadOnlyList<TwoAxisFigures> candidates, TwoAxisFigures backbone)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(backbone);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There are no candidates to choose among.", nameof(candidates));
        }

        var likeness = candidates.Where(c => KeepsLikeness(c, backbone)).ToList();
        if (likeness.Count == 0)
        {
            return candidates.MaxBy(c => c.InstanceRecallAt1)!;
        }

        var firstScreen = likeness.Where(c => c.InstanceRecallAt10 >= FirstScreenRecall).ToList();
        return (firstScreen.Count > 0 ? firstScreen : likeness).MaxBy(c => c.CategoryPrecisionAt10)!;
    }

    /// <summary>The candidate the rule chooses (possibly <paramref name="backbone"/> itself).</summary>
    /// <param name="candidates">The models measured (the backbone may be among them).</param>
    /// <param name="backbone">The backbone's figures, measured on the same queries and edits.</param>
    public static TwoAxisFigures Choose(IEnumerable<TwoAxisFigures> candidates, TwoAxisFigures backbone)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(backbone);
        var likeness = candidates.Where(c => KeepsLikeness(c, backbone)).ToList();
        var firstScreen = likeness.Where(c => c.InstanceRecallAt10 >= FirstScreenRecall).ToList();
        var best = backbone;
        foreach (var candidate in firstScreen.Count > 0 ? firstScreen : likeness)
        {
            if (candidate.CategoryPrecisionAt10 > best.CategoryPrecisionAt10)
            {
                best = candidate;
            }
        }

        return best;
    }
}
