using Microsoft.AspNetCore.DataProtection;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>
/// Data Protection keys (which encrypt the sign-in cookie and antiforgery tokens) kept in the app's database under one
/// fixed application name: every replica on a shared database reads the same key ring, so a cookie or form one issues is
/// valid on the others, and after a restart.
/// </summary>
internal static class SharedKeys
{
    /// <summary>The application name keys are isolated by; fixed, since the default (the content root path) differs between hosts.</summary>
    public const string ApplicationName = "VisualRecSys";

    public static IServiceCollection AddSharedDataProtectionKeys(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<VisualRecSysDbContext>();
        return services;
    }
}
