using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Heads;

/// <summary><c>POST /api/admin/heads</c>: starts a head training job, as the admin console's catalog page does.</summary>
public static class HeadEndpoints
{
    public static IEndpointRouteBuilder MapHeadApi(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup().MapPost("/heads", StartHeadAsync)
            .WithSummary("Starts a head training job (then embedding the products with the new head): { epochs?, backbone?, members?, editedCopies? }.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> StartHeadAsync(AdminHeadRequest? request, AdminHeads heads, CancellationToken ct)
    {
        request ??= new AdminHeadRequest();
        try
        {
            return JobResults.Accepted(await heads.StartAsync(new HeadTrainingRequest(request.Epochs, request.Backbone, request.Members, request.EditedCopies), ct));
        }
        catch (ArgumentException e)
        {
            return JobResults.Problem(StatusCodes.Status400BadRequest, "Invalid head training", e.Message);
        }
    }
}
