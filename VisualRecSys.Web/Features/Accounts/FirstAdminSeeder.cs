using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>
/// At start, after the database's migration: creates the roles, and the administrator of <c>VisualRecSys:Admin</c> when
/// no user has that address. A refused password stops the start with Identity's reasons.
/// </summary>
internal sealed partial class FirstAdminSeeder(
    DatabaseInitializer database,
    UserAccounts accounts,
    IOptions<FirstAdminOptions> options,
    ILogger<FirstAdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await accounts.EnsureRolesAsync();
        var admin = options.Value;
        if (!admin.IsConfigured)
        {
            return;
        }

        if (await ExistsAsync(admin.Email!, cancellationToken))
        {
            // Present already: its password is the user's business now, not the configuration's.
            return;
        }

        UserAddResult result;
        try
        {
            result = await accounts.AddAsync(admin.Email!, AppRoles.Admin, admin.Password);
        }
        catch (DbUpdateException)
        {
            if (!await ExistsAsync(admin.Email!, cancellationToken))
            {
                throw;
            }

            // Another instance starting on the same database created it first.
            return;
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{FirstAdminOptions.SectionName}: the first administrator could not be created: {result.Message}");
        }

        LogCreated(logger, admin.Email!);
    }

    private async Task<bool> ExistsAsync(string email, CancellationToken ct) =>
        (await accounts.ListAsync(ct)).Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator {Email} from the configuration")]
    private static partial void LogCreated(ILogger logger, string email);
}
