using Microsoft.AspNetCore.Authorization;

namespace VisualRecSys.Web.Quality;

/// <summary>
/// Who may use the quality console (its pages and its API). For now everyone: the policy lets every request through.
/// Roles come with the admin console; it only has to change <see cref="Configure"/>, since every page and endpoint of
/// the console already names <see cref="Policy"/>.
/// </summary>
public static class QualityAccess
{
    /// <summary>The authorization policy guarding the console.</summary>
    public const string Policy = "QualityConsole";

    /// <summary>Defines <see cref="Policy"/>: open to everyone.</summary>
    public static void Configure(AuthorizationPolicyBuilder policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.RequireAssertion(_ => true);
    }
}
