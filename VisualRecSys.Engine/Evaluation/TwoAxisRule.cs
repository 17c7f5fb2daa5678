namespace VisualRecSys.Engine.Evaluation;

/// <summary>A model measured on both ground truths: how often its neighbours share the query's category, and how often a product photographed again finds itself.</summary>
/// <param name="Name">What was measured (a model id, or a candidate's description).</param>
/// <param name="CategoryPrecisionAt10">Category precision@10.</param>
/// <param name="InstanceRecallAt1">Instance recall@1 on the same edits (or item ids) as the figures it is compared with.</param>
public sealed record TwoAxisFigures(string Name, double CategoryPrecisionAt10, double InstanceRecallAt1);

/// <summary>
/// How the default model is chosen, so that no default is chosen by one number alone: among the candidates whose
/// instance recall@1 is at least the backbone's less <see cref="InstanceTolerance"/>, the one with the highest category
/// precision@10 (the backbone itself always qualifies). A model that only knows categories (one-hot logits) finds a
/// re-photographed product among hundreds of equally scored ones, so it fails the first test however well it sorts
/// by category.
/// </summary>
public static class TwoAxisRule
{
    /// <summary>How much instance recall@1 a candidate may lose against the backbone and still be chosen.</summary>
    public const double InstanceTolerance = 0.01;

    /// <summary>Whether <paramref name="candidate"/> keeps what makes neighbours look alike: instance recall@1 within the tolerance of <paramref name="backbone"/>'s.</summary>
    public static bool KeepsLikeness(TwoAxisFigures candidate, TwoAxisFigures backbone)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(backbone);
        return candidate.InstanceRecallAt1 >= backbone.InstanceRecallAt1 - InstanceTolerance;
    }

    /// <summary>The candidate the rule chooses: <paramref name="backbone"/> unless one that keeps likeness has a higher category precision@10.</summary>
    /// <param name="candidates">The models measured (the backbone may be among them).</param>
    /// <param name="backbone">The backbone's figures, measured on the same queries and edits.</param>
    public static TwoAxisFigures Choose(IEnumerable<TwoAxisFigures> candidates, TwoAxisFigures backbone)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(backbone);
        var best = backbone;
        foreach (var candidate in candidates)
        {
            if (KeepsLikeness(candidate, backbone) && candidate.CategoryPrecisionAt10 > best.CategoryPrecisionAt10)
            {
                best = candidate;
            }
        }

        return best;
    }
}
