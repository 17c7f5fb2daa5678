using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>What <see cref="EvaluationService"/> evaluates.</summary>
/// <param name="ModelId">Whose stored vectors: a registered model's id or the id of vectors made elsewhere.</param>
/// <param name="K">Neighbours per query.</param>
/// <param name="QueryLimit">A seeded sample of this many queries; all when null.</param>
public sealed record EvaluationRequest(string ModelId, int K = EvaluationInput.DefaultK, int? QueryLimit = null)
{
    /// <summary>The largest k the verb and the console ask for: beyond it precision says little and the stored worst queries grow with k.</summary>
    public const int MaxK = 100;

    /// <summary>
    /// The index build whose forest to measure (recall against exact search, latency). Default null: the active build,
    /// when it holds this model's vectors (what the <c>evaluate</c> verb measures).
    /// </summary>
    public int? IndexBuildId { get; init; }

    /// <summary>
    /// When no product has split <c>test</c> or <c>query</c>: true queries the gallery with its own products, each left
    /// out of its own results (the quality console's choice, so a catalog without held-out images can still be
    /// measured); false (default) refuses with <see cref="EvaluationUnavailableException"/>, as the verb does.
    /// </summary>
    public bool LeaveOneOutWithoutQueries { get; init; }

    /// <summary>
    /// Edited copies per product of the instance evaluation (1–12); null measures no instance figures. Default
    /// <see cref="EditedInstanceInput.DefaultEditsPerQuery"/>. Ignored when the catalog has a data set's item ids.
    /// </summary>
    public int? InstanceEdits { get; init; } = EditedInstanceInput.DefaultEditsPerQuery;

    /// <summary>Products (or query images) sampled for the instance evaluation; all when null. Default <see cref="EditedInstanceInput.DefaultQueries"/>.</summary>
    public int? InstanceQueryLimit { get; init; } = EditedInstanceInput.DefaultQueries;
}
