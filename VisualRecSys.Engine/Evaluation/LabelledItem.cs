namespace VisualRecSys.Engine.Evaluation;

/// <summary>An item taking part in an evaluation: its id (a row of the embeddings) and its category (the ground truth).</summary>
/// <param name="Id">The item's id in the <see cref="EvaluationInput.Embeddings"/>.</param>
/// <param name="Category">Index into <see cref="EvaluationInput.Categories"/>.</param>
public readonly record struct LabelledItem(int Id, int Category);
