namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>The instance figures of one category: means over the searches made from its products.</summary>
/// <param name="Searches">Searches made from the category's products.</param>
/// <param name="RecallAt1">Share that found their original first.</param>
/// <param name="RecallAt10">Share that found it among the first 10.</param>
/// <param name="Mrr">Mean reciprocal rank of the original.</param>
public sealed record InstanceCategoryFigures(int Searches, double RecallAt1, double RecallAt10, double Mrr);

/// <summary>What <see cref="InstanceEvaluator"/> returns: the report, and per category (in the evaluation's order) its figures.</summary>
/// <param name="Report">The overall and per-edit figures and the lost originals.</param>
/// <param name="PerCategory">One entry per category of the evaluation, 0 searches for a category without products.</param>
public sealed record InstanceEvaluation(InstanceReport Report, IReadOnlyList<InstanceCategoryFigures> PerCategory);
