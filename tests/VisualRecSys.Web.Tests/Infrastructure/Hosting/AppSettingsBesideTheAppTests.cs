using VisualRecSys.Testing;
using VisualRecSys.Web.Tests.TestSupport;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>
/// The app started from another folder than its own (a service manager's, a script's at the repository root) still reads
/// its appsettings.json: without it every framework category logged at Information, six console lines per request.
/// </summary>
public sealed class AppSettingsBesideTheAppTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-cwd-{Guid.NewGuid():N}");

    [Fact]
    public async Task Started_from_another_folder_the_app_keeps_its_own_log_levels()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        var settings = new Dictionary<string, string>
        {
            ["VisualRecSys:DataDirectory"] = Path.Combine(_root, "data"),
            ["VisualRecSys:SeedCatalog"] = "none",
            ["VisualRecSys:AssetsDirectory"] = Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets"),
            // Information by default, as appsettings.json says (the test host otherwise asks for warnings only).
            ["Logging:LogLevel:Default"] = "Information",
        };

        await using var app = ChildApp.Start(settings, workingDirectory: elsewhere);
        using var client = app.CreateClient();
        await WaitForAsync(() => app.Output.Contains("Application started", StringComparison.Ordinal), app);
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/status", UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"/api/status: {(int)response.StatusCode}");
        }
        // The console logger writes from its own thread: give a request's lines, had they been logged, time to show.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Contains("Now listening on", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Routing.EndpointMiddleware", app.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, ChildApp app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The app did not start within a minute: {app.Output}");
            await Task.Delay(100);
        }
    }
}
