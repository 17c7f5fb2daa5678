namespace VisualRecSys.Data;

/// <summary>The allowed values of <see cref="IndexBuild.Status"/> (the database enforces them with a check constraint).</summary>
public static class IndexBuildStatus
{
    /// <summary>The build is in progress.</summary>
    public const string Running = "running";

    /// <summary>The build finished and its file can be loaded.</summary>
    public const string Ready = "ready";

    /// <summary>The build failed; see <see cref="IndexBuild.Error"/>.</summary>
    public const string Failed = "failed";
}
