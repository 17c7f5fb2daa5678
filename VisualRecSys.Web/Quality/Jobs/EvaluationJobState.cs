using VisualRecSys.Data;

namespace VisualRecSys.Web.Quality.Jobs;

/// <summary>An immutable snapshot of the latest background evaluation, safe to hand to pages.</summary>
/// <param name="RunId">The stored run.</param>
/// <param name="Request">What it evaluates.</param>
/// <param name="Status">One of <see cref="EvaluationRunStatus"/>.</param>
/// <param name="Done">Queries searched so far.</param>
/// <param name="Total">Queries to search; 0 until known.</param>
/// <param name="Message">What is happening, or why it failed.</param>
public sealed record EvaluationJobState(int RunId, EvaluationRequest Request, string Status, int Done, int Total, string Message)
{
    /// <summary>Whether the job is still going.</summary>
    public bool IsRunning => Status == EvaluationRunStatus.Running;

    /// <summary>Fraction done, 0–1.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);
}
