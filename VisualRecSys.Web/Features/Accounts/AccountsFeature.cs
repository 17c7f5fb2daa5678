using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>
/// Users and roles (ASP.NET Core Identity on the app's SQLite database), sign-in, and who may do what: the admin and
/// quality consoles' policies, the first administrator.
/// </summary>
public static class AccountsFeature
{
    /// <summary>
    /// What the verbs share with the app: Identity's user and role managers over <see cref="VisualRecSysDbContext"/>,
    /// <see cref="UserAccounts"/>, and the checked first-admin settings.
    /// </summary>
    public static IServiceCollection AddAccountServices(this IServiceCollection services)
    {
        services.AddIdentityCore<IdentityUser>(AccountRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<VisualRecSysDbContext>();
        services.AddSingleton<UserAccounts>();
        services.AddOptions<FirstAdminOptions>().BindConfiguration(FirstAdminOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FirstAdminOptions>, FirstAdminOptionsValidator>();
        return services;
    }

    /// <summary>The web app's part: Identity's cookie, the consoles' policies, the first administrator at start.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAccessControl();
        return builder;
    }

    /// <summary>
    /// Who the caller is, then whether they may (call before antiforgery, as ASP.NET Core requires); and the sign-in and
    /// sign-out form posts.
    /// </summary>
    public static WebApplication MapAccounts(this WebApplication app) => app.UseAccessControl();
}
