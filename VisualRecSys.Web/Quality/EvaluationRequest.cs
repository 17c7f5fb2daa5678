using VisualRecSys.Engine.Evaluation;

namespace VisualRecSys.Web.Quality;

/// <summary>What <see cref="EvaluationService"/> evaluates.</summary>
/// <param name="ModelId">Whose stored vectors: a registered model's id or the id of vectors made elsewhere.</param>
/// <param name="K">Neighbours per query.</param>
/// <param name="QueryLimit">A seeded sample of this many queries; all when null.</param>
public sealed record EvaluationRequest(string ModelId, int K = EvaluationInput.DefaultK, int? QueryLimit = null);
