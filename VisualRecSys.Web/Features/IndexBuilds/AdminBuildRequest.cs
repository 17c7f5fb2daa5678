using VisualRecSys.Engine.Index;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>An index build asked for by an admin. Null parts take their defaults.</summary>
/// <param name="Model">Whose vectors (a model name or id); default: the served model.</param>
/// <param name="Metric"><c>angular</c>, <c>euclidean</c> or <c>dot</c>; default angular.</param>
/// <param name="Trees">1–10,000; default 100.</param>
/// <param name="SearchK">Candidates a query gathers by default, 0 (trees × k) to 1,000,000; default 0.</param>
/// <param name="Activate">Serve it once built (and measured); default false.</param>
public sealed record AdminBuildRequest(string? Model = null, string? Metric = null, int? Trees = null, int? SearchK = null, bool? Activate = null)
{
    public const int MaxTrees = 10_000;
    public const int MaxSearchK = 1_000_000;

    /// <summary>Checks the parameters; returns the problem with the first bad one, naming it, or null.</summary>
    public string? Validate(out DistanceMetric metric)
    {
        metric = DistanceMetric.Angular;
        if (Metric is not null && (!Enum.TryParse(Metric, ignoreCase: true, out metric) || !Enum.IsDefined(metric) || int.TryParse(Metric, out _)))
        {
            return $"'metric' must be angular, euclidean or dot; got '{Metric}'.";
        }

        if (Trees is < 1 or > MaxTrees)
        {
            return $"'trees' must be between 1 and {MaxTrees:N0}; got {Trees}.";
        }

        if (SearchK is < 0 or > MaxSearchK)
        {
            return $"'searchK' must be between 0 (trees × k) and {MaxSearchK:N0}; got {SearchK}.";
        }

        return null;
    }
}
