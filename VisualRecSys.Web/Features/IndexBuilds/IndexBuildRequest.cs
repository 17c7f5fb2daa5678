using VisualRecSys.Engine.Index;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// What to build: the embeddings of which model, by which metric, with how many trees, and how many candidates a query
/// gathers by default (<paramref name="SearchK"/>; 0: trees × k).
/// </summary>
public sealed record IndexBuildRequest(string ModelId, DistanceMetric Metric, int Trees, bool Activate, int SearchK = 0)
{
    /// <summary>Annoy's usual forest size; also what the article behind the product used.</summary>
    public const int DefaultTrees = 100;

    /// <summary>
    /// The caller activates the build itself once it is ready and checked (an admin build measures its recall first);
    /// recorded on the build's row so that a process killed before then has the activation finished at the next start
    /// (<see cref="InterruptedActivations"/>). <see cref="Activate"/> activates as soon as the build is ready.
    /// </summary>
    public bool ActivateAfterChecks { get; init; }
}
