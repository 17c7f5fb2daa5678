using Microsoft.AspNetCore.Identity;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>The sign-in rules, shared by Identity's options and the start-time check of the configured administrator.</summary>
public static class AccountRules
{
    /// <summary>Length beats character classes for passwords people choose (NIST SP 800-63B); a passphrase is fine.</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>Failed sign-ins in a row before the account is locked for <see cref="LockoutTime"/>.</summary>
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(5);

    /// <summary>Applies the rules to Identity's options.</summary>
    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;
        options.User.RequireUniqueEmail = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutTime;
    }

    /// <summary>A cheap shape check of an e-mail address (Identity checks it again when the user is created).</summary>
    public static bool LooksLikeEmail(string? email) =>
        email is { Length: >= 3 and <= 256 } && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1
        && !email.Any(char.IsWhiteSpace);
}
