using VisualRecSys.Engine.Evaluation;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>Settings of the admin console's jobs, bound from <c>VisualRecSys:Admin</c> (beside the first administrator's e-mail and password).</summary>
public sealed class AdminConsoleOptions
{
    public const string SectionName = "VisualRecSys:Admin";

    /// <summary>
    /// A pause after each tree of an admin index build. Default: none. For demonstrations and tests that watch a build's
    /// progress or interrupt it: a forest over a small catalog is otherwise built in a blink.
    /// </summary>
    public TimeSpan TreeBuildDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Products queried to measure a new build's recall@10 against exact search. Default: 200.</summary>
    public int RecallQueries { get; set; } = RecallSample.DefaultQueries;
}
