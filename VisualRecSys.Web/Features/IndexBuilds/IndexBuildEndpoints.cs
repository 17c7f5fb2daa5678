using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// <c>/api/admin/builds*</c>: what the admin console's builds page does, for scripts. Administrators only (401 anonymous,
/// 403 other roles). A build job answers 202 with the job to poll; refused because another runs, 409; bad parameters 400.
/// </summary>
public static class IndexBuildEndpoints
{
    public static IEndpointRouteBuilder MapIndexBuildApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup();

        admin.MapGet("/builds", ListBuildsAsync).WithSummary("Every index build, newest first, with the active one's id.");
        admin.MapPost("/builds", StartBuildAsync)
            .WithSummary("Starts an index build job: { model?, metric? (angular|euclidean|dot), trees? (1–10000, 100), searchK? (0 = trees × k), activate? }.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/builds/{id:int}/activate", ActivateAsync)
            .WithSummary("Serves build {id} from now on (queries in flight finish on the old one); switches the served model with it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/builds/rollback", RollBackAsync).WithSummary("Serves the build that was active before the current one.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/builds/{id:int}/cancel", (int id, AdminBuilds builds) => builds.Cancel(id)
                ? Results.Accepted()
                : Problem(StatusCodes.Status409Conflict, "Not running", $"No job is building index build {id}."))
            .WithSummary("Cancels the job building build {id}; the build is recorded as failed.");
        admin.MapDelete("/builds/{id:int}", DeleteFileAsync).WithSummary("Deletes build {id}'s file (not the active or a running one); its row stays as history.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> ListBuildsAsync(BuildHistory history, CancellationToken ct)
    {
        var all = await history.ListAsync(ct);
        return Results.Ok(new { activeBuildId = all.FirstOrDefault(b => b.IsActive)?.Id, builds = all });
    }

    private static async Task<IResult> StartBuildAsync(AdminBuildRequest? request, AdminBuilds builds, CancellationToken ct)
    {
        try
        {
            return JobResults.Accepted(await builds.StartAsync(request ?? new AdminBuildRequest(), ct));
        }
        catch (ArgumentException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid index build", e.Message);
        }
    }

    private static async Task<IResult> ActivateAsync(int id, BuildActivation activation, CancellationToken ct)
    {
        try
        {
            return Results.Ok(new { index = await activation.ActivateAsync(id, ct) });
        }
        catch (KeyNotFoundException e)
        {
            return Problem(StatusCodes.Status404NotFound, "No such build", e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Problem(StatusCodes.Status409Conflict, "Cannot activate", e.Message);
        }
    }

    private static async Task<IResult> RollBackAsync(BuildActivation activation, CancellationToken ct)
    {
        try
        {
            return Results.Ok(new { index = await activation.RollBackAsync(ct) });
        }
        catch (InvalidOperationException e)
        {
            return Problem(StatusCodes.Status409Conflict, "Cannot roll back", e.Message);
        }
        catch (KeyNotFoundException e)
        {
            return Problem(StatusCodes.Status409Conflict, "Cannot roll back", e.Message);
        }
    }

    private static async Task<IResult> DeleteFileAsync(int id, BuildHistory history, BuildFiles files, CancellationToken ct)
    {
        if (await history.FindAsync(id, ct) is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No such build", $"There is no index build {id}.");
        }

        try
        {
            return Results.Ok(new { buildId = id, freedBytes = await files.DeleteFileAsync(id, ct) });
        }
        catch (InvalidOperationException e)
        {
            return Problem(StatusCodes.Status409Conflict, "Cannot delete", e.Message);
        }
    }

    private static IResult Problem(int status, string title, string detail) => JobResults.Problem(status, title, detail);
}
