namespace VisualRecSys.Web.Features.Quality.Jobs;

/// <summary>The answer to a request to start an evaluation: the run it started, or why it was refused.</summary>
/// <param name="RunId">The new run, when started.</param>
/// <param name="RefusedBecause">Why not, when refused.</param>
public sealed record EvaluationStart(int? RunId, string? RefusedBecause)
{
    /// <summary>Whether the evaluation was started.</summary>
    public bool Started => RunId is not null;

    public static EvaluationStart StartedAs(int runId) => new(runId, null);

    public static EvaluationStart Refused(string reason) => new(null, reason);
}
