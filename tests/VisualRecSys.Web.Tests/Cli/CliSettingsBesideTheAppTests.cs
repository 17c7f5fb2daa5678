using System.Diagnostics;
using System.Text.Json;
using VisualRecSys.Testing;
using VisualRecSys.Web.Tests.TestSupport;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>
/// A verb run from another folder than the app's (an operator's home, a script's) reads the app's own appsettings.json as
/// the web app does: its data directory or PostgreSQL connection there is the one the verb works on, not a new empty
/// SQLite database under the working directory.
/// </summary>
public sealed class CliSettingsBesideTheAppTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-cli-cwd-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_verb_started_from_another_folder_uses_the_data_directory_of_the_app_s_own_settings()
    {
        var app = await CopyOfTheAppAsync();
        var configuredData = Path.Combine(_root, "configured-data");
        await File.WriteAllTextAsync(Path.Combine(app, "appsettings.json"), JsonSerializer.Serialize(new
        {
            VisualRecSys = new
            {
                DataDirectory = configuredData,
                SeedCatalog = "none",
                AssetsDirectory = Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets"),
            },
        }));
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;

        var (code, output) = await RunAsync(app, elsewhere, "long enough passphrase\n",
            "user", "add", "--email", "ops@tests.invalid", "--role", "admin", "--password-stdin");

        Assert.True(code == 0, $"exit {code}: {output}");
        Assert.True(Directory.Exists(configuredData), $"No data in the configured directory; the working directory has: {string.Join(", ", Directory.GetFileSystemEntries(elsewhere))}");
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")), "The verb made a data directory under the working directory.");
        var (_, list) = await RunAsync(app, elsewhere, "", "user", "list");
        Assert.Contains("ops@tests.invalid", list, StringComparison.Ordinal);
    }

    // The app's build output in a folder of its own, so its appsettings.json can be changed: hard links (fast, no space)
    // when the temporary folder is on the same file system, else a copy.
    private async Task<string> CopyOfTheAppAsync()
    {
        var source = Path.GetDirectoryName(ChildApp.WebDll())!;
        var app = Path.Combine(_root, "app");
        Directory.CreateDirectory(_root);
        if (await RunToolAsync("cp", "-al", source, app) != 0)
        {
            Assert.Equal(0, await RunToolAsync("cp", "-a", source, app));
        }

        // A hard link shares the original's contents: the test's settings go to a new file in its place.
        File.Delete(Path.Combine(app, "appsettings.json"));
        return app;
    }

    private static async Task<int> RunToolAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static async Task<(int Code, string Output)> RunAsync(string app, string workingDirectory, string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(app, "VisualRecSys.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = CapturedOutput.Of(process);
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        // WaitForExit without a timeout also waits for the output's end of stream.
        await process.WaitForExitAsync();
        return (process.ExitCode, output.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
