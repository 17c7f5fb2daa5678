namespace VisualRecSys.Web.Features.Accounts;

/// <summary>
/// The first administrator, bound from <c>VisualRecSys:Admin</c>: created at start when no user has that e-mail address.
/// Both settings or neither; there is no default password anywhere (the <c>user add</c> verb is the other way in).
/// </summary>
public sealed class FirstAdminOptions
{
    public const string SectionName = "VisualRecSys:Admin";

    /// <summary>The administrator's e-mail address, which is also the sign-in name. Default: none.</summary>
    public string? Email { get; set; }

    /// <summary>The administrator's password (from an environment variable or a secret store, not a committed file). Default: none.</summary>
    public string? Password { get; set; }

    /// <summary>Whether a first administrator is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email);
}
