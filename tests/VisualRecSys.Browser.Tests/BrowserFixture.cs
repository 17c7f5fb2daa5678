using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VisualRecSys.Testing;

namespace VisualRecSys.Browser.Tests;

/// <summary>
/// The real app on Kestrel (a random loopback port) with a small catalog, and Debian's Chromium driven by
/// Playwright. Set VISUALRECSYS_CHROMIUM to use another browser binary.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public AppFactory Factory { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // The admin test watches a rebuild's progress bar advance: 60 ms a tree makes a 150-tree build take 9 s, long
        // enough for a loaded machine's page updates to show the tree stage before the recall stage follows.
        Factory.Settings["VisualRecSys:Admin:TreeBuildDelay"] = "00:00:00.06";
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("VISUALRECSYS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // Containers have no user namespaces for Chromium's sandbox and no GPU.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}
