using Microsoft.AspNetCore.Authorization;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>Who may use the quality console (its pages and its API): analysts and administrators.</summary>
public static class QualityAccess
{
    /// <summary>The authorization policy guarding the console.</summary>
    public const string Policy = "QualityConsole";

    /// <summary>Defines <see cref="Policy"/>: signed in with role <see cref="AppRoles.Analyst"/> or <see cref="AppRoles.Admin"/>.</summary>
    public static void Configure(AuthorizationPolicyBuilder policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.RequireAuthenticatedUser().RequireRole(AppRoles.Analyst, AppRoles.Admin);
    }
}
