namespace VisualRecSys.Web.Features.Accounts;

/// <summary>The roles a user can hold. Store pages need none; the quality console needs one of them; the admin console needs Admin.</summary>
public static class AppRoles
{
    /// <summary>Runs imports, index builds and head training, activates and rolls back builds, reads the system status.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads and runs the quality console's evaluations and feedback reports.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Every role, in the order they are listed.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Analyst];

    /// <summary>The role spelt as the app spells it, whatever the case it was typed in; null when there is no such role.</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
