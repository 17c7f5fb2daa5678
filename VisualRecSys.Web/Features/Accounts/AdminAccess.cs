using Microsoft.AspNetCore.Authorization;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>Who may use the admin console (its pages under <c>/admin</c> and the API under <c>/api/admin</c>): administrators.</summary>
public static class AdminAccess
{
    /// <summary>The authorization policy guarding the console.</summary>
    public const string Policy = "AdminConsole";

    /// <summary>Defines <see cref="Policy"/>: signed in with role <see cref="AppRoles.Admin"/>.</summary>
    public static void Configure(AuthorizationPolicyBuilder policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.RequireAuthenticatedUser().RequireRole(AppRoles.Admin);
    }
}
