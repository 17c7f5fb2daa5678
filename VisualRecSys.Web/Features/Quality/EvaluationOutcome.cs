using VisualRecSys.Engine.Evaluation;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>An evaluation's report, with how its queries, gallery and approximate index were chosen.</summary>
public sealed record EvaluationOutcome
{
    /// <summary>The figures.</summary>
    public required EvaluationReport Report { get; init; }

    /// <summary>
    /// The split the queries came from (<c>test</c>, or <c>query</c> when there is no test product or the catalog has item
    /// ids; the gallery's split when <see cref="LeaveOneOut"/>).
    /// </summary>
    public required string QuerySplit { get; init; }

    /// <summary>
    /// The split the gallery came from (<c>train</c>, or <c>catalog</c> when there is no train product; <c>gallery</c> when
    /// the catalog has item ids).
    /// </summary>
    public required string GallerySplit { get; init; }

    /// <summary>
    /// Whether the gallery was queried with its own products, each left out of its own results, for want of held-out
    /// queries (see <see cref="EvaluationRequest.LeaveOneOutWithoutQueries"/>).
    /// </summary>
    public bool LeaveOneOut { get; init; }

    /// <summary>Products of the query split left out because the model has no vector for them.</summary>
    public required int QueriesWithoutVector { get; init; }

    /// <summary>Products of the gallery split left out because the model has no vector for them.</summary>
    public required int GalleryWithoutVector { get; init; }

    /// <summary>The index build whose forest was measured, or null.</summary>
    public required int? IndexBuildId { get; init; }

    /// <summary>Why no approximate index was measured; null when one was.</summary>
    public required string? AnnNotMeasuredReason { get; init; }

    /// <summary>Why no instance figures were measured; null when they were (<see cref="EvaluationReport.Instance"/>).</summary>
    public string? InstanceNotMeasuredReason { get; init; }

    /// <summary>
    /// With item ids as the instance ground truth: query images (with a vector) left out of the instance figures because
    /// no gallery image of their item has a vector, so they could never be found. 0 otherwise.
    /// </summary>
    public int InstanceQueriesWithoutItemInGallery { get; init; }
}
