namespace VisualRecSys.Web.Features.Accounts;

/// <summary>The route group every feature maps its part of <c>/api/admin</c> on: administrators only, for scripts.</summary>
public static class AdminApi
{
    /// <summary>
    /// <c>/api/admin</c>, tagged Admin, for <see cref="AdminAccess.Policy"/> (401 anonymous, 403 other roles). No
    /// antiforgery tokens: scripts and tools call this API with the admin's cookie, which is SameSite=Lax, so a cross-site
    /// form post never carries it (see EndpointSurfaceTests for every token-free endpoint and why).
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AdminAccess.Policy).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}
