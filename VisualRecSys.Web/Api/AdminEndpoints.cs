using VisualRecSys.Data;
using VisualRecSys.Web.Admin;
using VisualRecSys.Web.Admin.Status;
using VisualRecSys.Web.Heads;
using VisualRecSys.Web.Indexing;
using VisualRecSys.Web.Jobs;

namespace VisualRecSys.Web.Api;

/// <summary>One index build as the admin API lists it.</summary>
public sealed record BuildView(
    int Id, string Status, bool IsActive, string ModelId, string Metric, int Trees, int SearchK, int Items, int Dimension,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, double? DurationSeconds, long? FileBytes, bool FileDeleted,
    double? RecallAt10, DateTimeOffset? ActivatedAt, string? Error)
{
    public static BuildView Of(IndexBuild b) => new(
        b.Id, b.Status, b.IsActive, b.ModelId, b.Metric, b.Trees, b.SearchK, b.ItemCount, b.Dimension, b.StartedAt, b.FinishedAt,
        b.FinishedAt is { } end ? (end - b.StartedAt).TotalSeconds : null, b.FileBytes, b.FileDeletedAt is not null, b.RecallAt10, b.ActivatedAt, b.Error);
}

/// <summary>A head training request of the admin API; null parts take the <c>train-head</c> verb's defaults.</summary>
public sealed record AdminHeadRequest(int? Epochs = null, string? Backbone = null, int? Members = null, int? EditedCopies = null);

/// <summary>
/// <c>/api/admin/*</c>: what the admin console's pages do, for scripts. Administrators only (401 anonymous, 403 other
/// roles). Jobs answer 202 with the job to poll; a job refused because another runs answers 409; bad parameters 400.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // No antiforgery tokens: scripts and tools call this API with the admin's cookie, which is SameSite=Lax, so a
        // cross-site form post never carries it (see EndpointSurfaceTests for every token-free endpoint and why).
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AdminAccess.Policy).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

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

        admin.MapPost("/imports", StartImportAsync)
            .WithSummary("Starts an import job (then embedding and indexing of the new products): { kind: folder|fashion-mnist|deepfashion, source?, csv?, limit? }.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/heads", StartHeadAsync)
            .WithSummary("Starts a head training job (then embedding the products with the new head): { epochs?, backbone?, mirror? }.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        admin.MapGet("/jobs", (AdminJobs jobs) => Results.Ok(jobs.List())).WithSummary("This process's admin jobs, newest first.");
        admin.MapGet("/jobs/{id:int}", (int id, AdminJobs jobs) => jobs.Get(id) is { } job
                ? Results.Ok(job)
                : Problem(StatusCodes.Status404NotFound, "No such job", $"There is no admin job {id} in this process."))
            .WithSummary("One job: status, stage, done/total, rate, time left, message, build.");
        admin.MapPost("/jobs/{id:int}/cancel", (int id, AdminJobs jobs) => jobs.Cancel(id)
                ? Results.Accepted()
                : Problem(StatusCodes.Status409Conflict, "Not running", $"Admin job {id} is not running."))
            .WithSummary("Cancels a running job.");
        admin.MapGet("/status", async (SystemStatus status, CancellationToken ct) => Results.Ok(await status.MeasureAsync(ct)))
            .WithSummary("Execution provider, models, active build, catalog size, memory and disk, query latency, recent problems.");
        return app;
    }

    private static async Task<IResult> ListBuildsAsync(SearchIndexBuilds builds, CancellationToken ct)
    {
        var all = await builds.ListAsync(ct);
        return Results.Ok(new { activeBuildId = all.FirstOrDefault(b => b.IsActive)?.Id, builds = all.Select(BuildView.Of) });
    }

    private static async Task<IResult> StartBuildAsync(AdminBuildRequest? request, AdminBuilds builds, CancellationToken ct)
    {
        try
        {
            return Accepted(await builds.StartAsync(request ?? new AdminBuildRequest(), ct));
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

    private static async Task<IResult> DeleteFileAsync(int id, SearchIndexBuilds builds, CancellationToken ct)
    {
        if (await builds.FindAsync(id, ct) is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No such build", $"There is no index build {id}.");
        }

        try
        {
            return Results.Ok(new { buildId = id, freedBytes = await builds.DeleteFileAsync(id, ct) });
        }
        catch (InvalidOperationException e)
        {
            return Problem(StatusCodes.Status409Conflict, "Cannot delete", e.Message);
        }
    }

    private static async Task<IResult> StartImportAsync(AdminImportRequest? request, AdminImports imports, CancellationToken ct)
    {
        try
        {
            return Accepted(await imports.StartAsync(request ?? new AdminImportRequest(null), ct));
        }
        catch (ArgumentException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid import", e.Message);
        }
    }

    private static async Task<IResult> StartHeadAsync(AdminHeadRequest? request, AdminHeads heads, CancellationToken ct)
    {
        request ??= new AdminHeadRequest();
        try
        {
            return Accepted(await heads.StartAsync(new HeadTrainingRequest(request.Epochs, request.Backbone, request.Members, request.EditedCopies), ct));
        }
        catch (ArgumentException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid head training", e.Message);
        }
    }

    private static IResult Accepted(JobStart start) => start.Started
        ? Results.Accepted($"/api/admin/jobs/{start.JobId}", new { jobId = start.JobId, job = $"/api/admin/jobs/{start.JobId}" })
        : Problem(StatusCodes.Status409Conflict, "Not started", start.RefusedBecause!);

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
