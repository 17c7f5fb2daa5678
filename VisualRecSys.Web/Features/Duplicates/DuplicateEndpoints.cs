using System.Security.Claims;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Infrastructure.Http;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Duplicates;

/// <summary>
/// <c>/api/admin/duplicates*</c> and <c>/api/admin/hidden-products*</c>: what the duplicates page does, for scripts.
/// Administrators only (401 anonymous, 403 other roles); a scan answers 202 with the job to poll, 409 when another admin
/// job runs; bad parameters 400 with a problem naming them.
/// </summary>
public static class DuplicateEndpoints
{
    public const int DefaultClusters = 100;
    public const int MaxClusters = 1_000;

    public static IEndpointRouteBuilder MapDuplicateApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup();
        admin.MapPost("/duplicates/scans", StartScanAsync)
            .WithSummary("Starts a duplicate scan over the serving index: { threshold? (cosine, default 0.94), neighbours? (1–100, 8) }.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/duplicates", LatestAsync)
            .WithSummary("The latest scan's clusters (largest first; ?limit=1–1000, 100), each member with whether it is hidden now.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/hidden-products", async (ProductHiding hiding, CancellationToken ct) => Results.Ok(await hiding.ListAsync(ct)))
            .WithSummary("Every product hidden from the store, most recently hidden first.");
        admin.MapPost("/hidden-products", HideAsync)
            .WithSummary("Hides duplicates from the store: { keep, hide: [ids] }; the kept product is shown again if it was hidden.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapDelete("/hidden-products/{id:int}", ShowAsync)
            .WithSummary("Shows hidden product {id} in the store again.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> StartScanAsync(DuplicateScanRequest? request, DuplicateScans scans, CancellationToken ct)
    {
        try
        {
            return JobResults.Accepted(await scans.StartAsync(request ?? new DuplicateScanRequest(), ct));
        }
        catch (ArgumentException e)
        {
            return JobResults.Problem(StatusCodes.Status400BadRequest, "Invalid duplicate scan", e.Message);
        }
    }

    private static async Task<IResult> LatestAsync(string? limit, DuplicateScans scans, ProductHiding hiding, CancellationToken ct)
    {
        if (!QueryParameter.TryParseInt(limit, "limit", DefaultClusters, 1, MaxClusters, out var count, out var error))
        {
            return error!;
        }

        if (scans.Latest is not { } latest)
        {
            return JobResults.Problem(StatusCodes.Status404NotFound, "No duplicate scan yet",
                "No duplicate scan has completed since the app started: start one with POST /api/admin/duplicates/scans and poll its job.");
        }

        var report = latest.WithHidden(await hiding.HiddenIdsAsync(ct));
        return Results.Ok(new
        {
            report.JobId,
            report.Threshold,
            report.Neighbours,
            report.BuildId,
            report.ModelId,
            report.Products,
            report.FinishedAt,
            TotalClusters = report.Clusters.Count,
            report.Clustered,
            Clusters = report.Clusters.Take(count),
        });
    }

    private static async Task<IResult> HideAsync(HideRequest? request, ProductHiding hiding, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request is null)
        {
            return JobResults.Problem(StatusCodes.Status400BadRequest, "Invalid hide request", "Send { keep, hide: [ids] }: the product kept and its duplicates to hide.");
        }

        try
        {
            var hidden = await hiding.HideAsync(request.Keep, request.Hide ?? [], user.Identity?.Name, ct);
            return Results.Ok(new { kept = request.Keep, newlyHidden = hidden });
        }
        catch (ArgumentException e)
        {
            return JobResults.Problem(StatusCodes.Status400BadRequest, "Invalid hide request", e.Message);
        }
    }

    private static async Task<IResult> ShowAsync(int id, ProductHiding hiding, CancellationToken ct) =>
        await hiding.ShowAsync(id, ct)
            ? Results.NoContent()
            : JobResults.Problem(StatusCodes.Status404NotFound, "Not hidden", $"Product {id} is not hidden from the store (or there is no such product).");
}
