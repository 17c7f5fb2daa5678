using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>
/// The app as its own process (<c>dotnet VisualRecSys.Web.dll</c> from the build output) on a free loopback port, so a
/// test can kill it with SIGKILL as an operator's mistake or the kernel's OOM killer would, and start it again.
/// </summary>
internal sealed class ChildApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CapturedOutput _output;

    private ChildApp(Process process, Uri url)
    {
        _process = process;
        _output = CapturedOutput.Of(process);
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// Starts the app with <paramref name="settings"/> as environment variables (<c>:</c> written as <c>__</c>), in
    /// <paramref name="workingDirectory"/> (default: the app's own folder).
    /// </summary>
    public static ChildApp Start(IReadOnlyDictionary<string, string> settings, string? workingDirectory = null)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var dll = WebDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new ChildApp(process, url);
    }

    /// <summary>A client of the app that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = Url,
    };

    /// <summary>Waits until the app answers and its catalog is searchable.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                await AppFactory.WaitUntilReadyAsync(client, deadline - DateTime.UtcNow);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        throw new TimeoutException($"The app did not answer within {timeout}: {Output}");
    }

    /// <summary>SIGKILL: no shutdown code of the app runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web app's own build output of this test run's configuration (Release or Debug), else the copy beside the tests.</summary>
    internal static string WebDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var own = Path.Combine(TestCatalog.RepositoryRoot, "VisualRecSys.Web", "bin", configuration, "net10.0", "linux-x64", "VisualRecSys.Web.dll");
        return File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, "VisualRecSys.Web.dll");
    }
}
