using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Accounts;

/// <summary>Users and roles (ASP.NET Core Identity on the app's SQLite database), for the web app and the verbs alike.</summary>
public static class AccountServiceCollectionExtensions
{
    /// <summary>Identity's user and role managers over <see cref="VisualRecSysDbContext"/>, <see cref="UserAccounts"/>, and the checked first-admin settings.</summary>
    public static IServiceCollection AddUserAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<IdentityUser>(AccountRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<VisualRecSysDbContext>();
        services.AddSingleton<UserAccounts>();
        services.AddOptions<FirstAdminOptions>().BindConfiguration(FirstAdminOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FirstAdminOptions>, FirstAdminOptionsValidator>();
        return services;
    }
}
