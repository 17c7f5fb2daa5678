namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>How the admin API answers a job start and a refusal, the same for every feature that starts jobs.</summary>
public static class JobResults
{
    /// <summary>202 with the job to poll, or 409 with why it did not start.</summary>
    public static IResult Accepted(JobStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return start.Started
            ? Results.Accepted($"/api/admin/jobs/{start.JobId}", new { jobId = start.JobId, job = $"/api/admin/jobs/{start.JobId}" })
            : Problem(StatusCodes.Status409Conflict, "Not started", start.RefusedBecause!);
    }

    /// <summary>A problem-details answer.</summary>
    public static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
