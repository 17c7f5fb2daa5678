using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary><c>POST /api/admin/imports</c>: starts an import job, as the admin console's catalog page does.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup().MapPost("/imports", StartImportAsync)
            .WithSummary("Starts an import job (then embedding and indexing of the new products): { kind: folder|fashion-mnist|deepfashion, source?, csv?, limit? }.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> StartImportAsync(AdminImportRequest? request, AdminImports imports, CancellationToken ct)
    {
        try
        {
            return JobResults.Accepted(await imports.StartAsync(request ?? new AdminImportRequest(null), ct));
        }
        catch (ArgumentException e)
        {
            return JobResults.Problem(StatusCodes.Status400BadRequest, "Invalid import", e.Message);
        }
    }
}
