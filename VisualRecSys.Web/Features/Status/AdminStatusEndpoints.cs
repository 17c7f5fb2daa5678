using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Status;

/// <summary><c>/api/admin/jobs</c> and <c>/api/admin/status</c>: what the server is doing and how it is.</summary>
public static class AdminStatusEndpoints
{
    public static IEndpointRouteBuilder MapAdminStatusApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup();
        admin.MapGet("/jobs", (AdminJobs jobs) => Results.Ok(jobs.List())).WithSummary("This process's admin jobs, newest first.");
        admin.MapGet("/jobs/{id:int}", (int id, AdminJobs jobs) => jobs.Get(id) is { } job
                ? Results.Ok(job)
                : JobResults.Problem(StatusCodes.Status404NotFound, "No such job", $"There is no admin job {id} in this process."))
            .WithSummary("One job: status, stage, done/total, rate, time left, message, build.");
        admin.MapPost("/jobs/{id:int}/cancel", (int id, AdminJobs jobs) => jobs.Cancel(id)
                ? Results.Accepted()
                : JobResults.Problem(StatusCodes.Status409Conflict, "Not running", $"Admin job {id} is not running."))
            .WithSummary("Cancels a running job.");
        admin.MapGet("/status", async (SystemStatus status, CancellationToken ct) => Results.Ok(await status.MeasureAsync(ct)))
            .WithSummary("Execution provider, models, active build, catalog size, memory and disk, query latency, recent problems.");
        return app;
    }
}
