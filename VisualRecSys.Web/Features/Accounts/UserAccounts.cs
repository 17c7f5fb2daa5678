using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>One user as the <c>user list</c> verb prints it.</summary>
public sealed record UserSummary(string Email, IReadOnlyList<string> Roles, bool LockedOut);

/// <summary>The outcome of adding a user: whether it was created or already there, or why it was refused.</summary>
public sealed record UserAddResult(bool Succeeded, bool Created, string Message);

/// <summary>
/// Users and roles for the verbs and the start-time seeding. Identity's managers are scoped services, so each call
/// works in a scope of its own.
/// </summary>
public sealed class UserAccounts(IServiceScopeFactory scopes)
{
    /// <summary>
    /// Creates the roles that do not exist yet. Another instance starting on the same database may create one between
    /// the check and the insert; its unique index refuses the second insert, and the role being there is what counts.
    /// </summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in AppRoles.All)
        {
            try
            {
                await CreateRoleUnlessPresentAsync(role);
            }
            catch (DbUpdateException)
            {
                if (!await RoleExistsAsync(role))
                {
                    throw;
                }
                // Created by a concurrent start.
            }
        }
    }

    private async Task CreateRoleUnlessPresentAsync(string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }
    }

    private async Task<bool> RoleExistsAsync(string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().RoleExistsAsync(role);
    }

    /// <summary>
    /// Creates <paramref name="email"/> with <paramref name="role"/>, or gives an existing user the role (and the password
    /// when one is given). A new user needs a password.
    /// </summary>
    public async Task<UserAddResult> AddAsync(string email, string role, string? password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var normalizedRole = AppRoles.Normalize(role);
        if (normalizedRole is null)
        {
            return new UserAddResult(false, false, $"Unknown role '{role}'; the roles are {string.Join(", ", AppRoles.All)}.");
        }

        if (!AccountRules.LooksLikeEmail(email))
        {
            return new UserAddResult(false, false, $"'{email}' is not an e-mail address.");
        }

        await EnsureRolesAsync();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            if (string.IsNullOrEmpty(password))
            {
                return new UserAddResult(false, false, "A new user needs a password (--password-stdin, or type it when asked).");
            }

            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return new UserAddResult(false, false, Describe(result));
            }
        }
        else if (!string.IsNullOrEmpty(password))
        {
            // Validate before removing the old one, so a refused password leaves the account as it was.
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, password);
                if (!check.Succeeded)
                {
                    return new UserAddResult(false, false, Describe(check));
                }
            }

            Check(await users.RemovePasswordAsync(user), "remove the old password");
            Check(await users.AddPasswordAsync(user, password), "set the password");
        }

        if (!await users.IsInRoleAsync(user, normalizedRole))
        {
            Check(await users.AddToRoleAsync(user, normalizedRole), $"add role {normalizedRole}");
        }

        return new UserAddResult(true, created, created
            ? $"Created {email} with role {normalizedRole}."
            : $"{email} exists; it has role {normalizedRole}{(string.IsNullOrEmpty(password) ? "" : " and the new password")}.");
    }

    /// <summary>Every user with their roles, by e-mail address.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var summaries = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            summaries.Add(new UserSummary(user.Email ?? user.UserName ?? user.Id, [.. roles.Order(StringComparer.Ordinal)],
                user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow));
        }

        return summaries;
    }

    /// <summary>Deletes the user; false when there is none with that address.</summary>
    public async Task<bool> RemoveAsync(string email)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return false;
        }

        Check(await users.DeleteAsync(user), $"delete {email}");
        return true;
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {Describe(result)}");
        }
    }
}
