using System.CommandLine;
using System.Text;
using VisualRecSys.Data;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Web.Cli;

/// <summary><c>user add|list|remove</c>: who may sign in to the quality and admin consoles.</summary>
internal static class UserVerbs
{
    public static Command User(Option<DirectoryInfo?> dataDir)
    {
        var command = new Command("user", "Add, list or remove the users who may sign in (roles Admin and Analyst).");
        command.Subcommands.Add(Add(dataDir));
        command.Subcommands.Add(List(dataDir));
        command.Subcommands.Add(Remove(dataDir));
        return command;
    }

    private static Command Add(Option<DirectoryInfo?> dataDir)
    {
        var email = new Option<string>("--email") { Description = "The user's e-mail address (the sign-in name).", Required = true };
        var role = new Option<string>("--role") { Description = $"{AppRoles.Admin} or {AppRoles.Analyst}.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of standard input (otherwise it is asked for on the terminal).",
        };
        var command = new Command("add", $"Create a user with a role, or give an existing user the role (and a new password when one is given). Passwords: at least {AccountRules.MinimumPasswordLength} characters.")
        {
            email, role, passwordStdin,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (AppRoles.Normalize(parse.GetValue(role)) is null)
            {
                await error.WriteLineAsync($"Unknown role '{parse.GetValue(role)}'; the roles are {string.Join(", ", AppRoles.All)}.");
                return 1;
            }

            string? password;
            if (parse.GetValue(passwordStdin))
            {
                password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r');
                if (string.IsNullOrEmpty(password))
                {
                    await error.WriteLineAsync("--password-stdin: standard input gave no password.");
                    return 1;
                }
            }
            else
            {
                password = Console.IsInputRedirected ? null : AskPassword(output);
            }

            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var result = await host.Services.GetRequiredService<UserAccounts>().AddAsync(parse.GetValue(email)!, parse.GetValue(role)!, password);
            await (result.Succeeded ? output : error).WriteLineAsync(result.Message);
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }

    private static Command List(Option<DirectoryInfo?> dataDir)
    {
        var command = new Command("list", "Print every user with their roles.");
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var users = await host.Services.GetRequiredService<UserAccounts>().ListAsync(ct);
            if (users.Count == 0)
            {
                await output.WriteLineAsync("No users.");
            }

            foreach (var user in users)
            {
                var roles = user.Roles.Count == 0 ? "(no role)" : string.Join(", ", user.Roles);
                await output.WriteLineAsync($"{user.Email}\t{roles}{(user.LockedOut ? "\tlocked out" : "")}");
            }

            return 0;
        });
        return command;
    }

    private static Command Remove(Option<DirectoryInfo?> dataDir)
    {
        var email = new Option<string>("--email") { Description = "The user to delete.", Required = true };
        var command = new Command("remove", "Delete a user.") { email };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var address = parse.GetValue(email)!;
            if (await host.Services.GetRequiredService<UserAccounts>().RemoveAsync(address))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"Removed {address}.");
                return 0;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync($"There is no user {address}.");
            return 1;
        });
        return command;
    }

    /// <summary>Reads a password on the terminal without echoing it, twice.</summary>
    private static string? AskPassword(TextWriter output)
    {
        output.Write("Password: ");
        var first = ReadHidden();
        output.Write("Again: ");
        var second = ReadHidden();
        output.WriteLine();
        return first == second ? first : throw new InvalidOperationException("The two passwords differ.");
    }

    private static string ReadHidden()
    {
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return text.ToString();
    }
}
