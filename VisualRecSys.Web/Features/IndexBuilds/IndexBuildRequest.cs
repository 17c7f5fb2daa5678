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
}
