namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>The values of <see cref="JobState.Status"/>.</summary>
public static class JobStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>An immutable snapshot of one admin job, safe to hand to pages and the API.</summary>
/// <param name="Id">The job's number in this process (they start at 1).</param>
/// <param name="Kind">What it does: <c>build</c>, <c>import</c>, <c>embed</c> or <c>head</c>.</param>
/// <param name="Title">One line saying what it does, with its parameters.</param>
/// <param name="Status">One of <see cref="JobStatus"/>.</param>
/// <param name="Stage">The step it is in, e.g. "Building trees".</param>
/// <param name="Done">Units of the stage done.</param>
/// <param name="Total">Units of the stage in all; 0 while unknown.</param>
/// <param name="Unit">What is counted, e.g. "trees".</param>
/// <param name="RatePerSecond">Units per second since the stage began; null until measurable.</param>
/// <param name="Remaining">Time left in the stage at that rate; null until measurable.</param>
/// <param name="Message">How it ended (the result, or why it failed); empty while running.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="BuildId">The index build it made or works on, once there is one.</param>
public sealed record JobState(
    int Id,
    string Kind,
    string Title,
    string Status,
    string Stage,
    long Done,
    long Total,
    string Unit,
    double? RatePerSecond,
    TimeSpan? Remaining,
    string Message,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int? BuildId)
{
    /// <summary>Whether the job is still going.</summary>
    public bool IsRunning => Status == JobStatus.Running;

    /// <summary>Fraction of the stage done, 0–1.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    /// <summary>How long it ran (so far).</summary>
    public TimeSpan Elapsed(DateTimeOffset now) => (FinishedAt ?? now) - StartedAt;
}

/// <summary>The answer to a request to start a job: the job it started, or why it was refused.</summary>
public sealed record JobStart(int? JobId, string? RefusedBecause)
{
    public bool Started => JobId is not null;

    public static JobStart StartedAs(int jobId) => new(jobId, null);

    public static JobStart Refused(string reason) => new(null, reason);
}
