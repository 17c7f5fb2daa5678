namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>How often a process checks which build the database flags active, bound from <c>VisualRecSys:IndexBuilds</c>.</summary>
public sealed class ActiveBuildFollowerOptions
{
    public const string SectionName = "VisualRecSys:IndexBuilds";

    /// <summary>
    /// Between two checks. Default: 2 s, so every replica serves a build activated on another within 5 s; a check is one
    /// indexed single-row query.
    /// </summary>
    public TimeSpan FollowEvery { get; set; } = TimeSpan.FromSeconds(2);
}
