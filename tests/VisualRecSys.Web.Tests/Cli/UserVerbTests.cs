using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary><c>user add|list|remove</c> on a fresh data directory: the way in for the first admin without configuration.</summary>
[Collection(ConsoleInput.Name)]
public sealed class UserVerbTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "vrs-users-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Users_are_added_with_a_password_from_stdin_listed_with_their_roles_and_removed()
    {
        var (code, output, _) = await RunAsync("long enough passphrase\n", "user", "add", "--email", "ops@tests.invalid", "--role", "admin", "--password-stdin");
        Assert.Equal(0, code);
        Assert.Contains("Created ops@tests.invalid with role Admin", output, StringComparison.Ordinal);

        (code, _, _) = await RunAsync("another passphrase!\n", "user", "add", "--email", "ana@tests.invalid", "--role", "Analyst", "--password-stdin");
        Assert.Equal(0, code);
        // Adding a role to an existing user keeps the account and gives it the role too.
        (code, output, _) = await RunAsync("", "user", "add", "--email", "ana@tests.invalid", "--role", "Admin");
        Assert.Equal(0, code);

        (code, output, _) = await RunAsync("", "user", "list");
        Assert.Equal(0, code);
        Assert.Equal(["ana@tests.invalid\tAdmin, Analyst", "ops@tests.invalid\tAdmin"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        (code, output, _) = await RunAsync("", "user", "remove", "--email", "ops@tests.invalid");
        Assert.Equal(0, code);
        (_, output, _) = await RunAsync("", "user", "list");
        Assert.DoesNotContain("ops@", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short\n", "--role", "Admin", "at least 12")]
    [InlineData("long enough passphrase\n", "--role", "Owner", "Unknown role 'Owner'")]
    [InlineData("\n", "--role", "Admin", "standard input gave no password")]
    public async Task A_bad_password_or_role_is_refused_and_no_user_is_made(string stdin, string option, string role, string message)
    {
        var (code, _, error) = await RunAsync(stdin, "user", "add", "--email", "x@tests.invalid", option, role, "--password-stdin");

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        var (_, list, _) = await RunAsync("", "user", "list");
        Assert.Contains("No users.", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_unknown_user_says_so()
    {
        var (code, _, error) = await RunAsync("", "user", "remove", "--email", "nobody@tests.invalid");

        Assert.Equal(1, code);
        Assert.Contains("There is no user nobody@tests.invalid", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var original = Console.In;
        Console.SetIn(new StringReader(stdin));
        try
        {
            var code = await CommandLineVerbs.RunAsync([.. args, "--data-dir", _data], output, error);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetIn(original);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}

/// <summary>Tests that replace <see cref="Console.In"/> run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleInput
{
    public const string Name = "console input";
}
