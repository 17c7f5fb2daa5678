using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VisualRecSys.Testing;

/// <summary>
/// The real app host on a temporary data directory (a real SQLite file) seeded with a small catalog of
/// <see cref="ProductsPerCategory"/> products per category. Deleted with the factory.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const int ProductsPerCategory = 3;
    public const int CategoryCount = 10;
    public const int ProductCount = ProductsPerCategory * CategoryCount;

    private readonly string _root;
    private readonly bool _ownsRoot;

    /// <summary>A factory on a new temporary folder, deleted with the factory.</summary>
    public AppFactory()
        : this(Path.Combine(Path.GetTempPath(), $"vrs-test-{Guid.NewGuid():N}"), ownsRoot: true)
    {
    }

    /// <summary>A factory on <paramref name="root"/> (catalog and data directory), kept after disposal: to restart an app on its data.</summary>
    public AppFactory(string root)
        : this(root, ownsRoot: false)
    {
    }

    private AppFactory(string root, bool ownsRoot)
    {
        _root = root;
        _ownsRoot = ownsRoot;
        Directory.CreateDirectory(_root);
        var catalogCsv = Path.Combine(_root, "catalog", "catalog.csv");
        SeedCatalog = File.Exists(catalogCsv) ? catalogCsv : TestCatalog.Create(Path.Combine(_root, "catalog"), ProductsPerCategory);
    }

    public string DataDirectory => Path.Combine(_root, "data");

    public string SeedCatalog { get; }

    /// <summary>More settings for the app (e.g. <c>VisualRecSys:Admin:TreeBuildDelay</c>); set before the app starts.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("VisualRecSys:DataDirectory", DataDirectory);
        builder.UseSetting("VisualRecSys:SeedCatalog", SeedCatalog);
        builder.UseSetting("VisualRecSys:AssetsDirectory", Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets"));
        // The backbone serves unless a test asks for the shipped default head (Settings["VisualRecSys:DefaultHead"] = "").
        builder.UseSetting("VisualRecSys:DefaultHead", "none");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Polls <c>/api/status</c> until the catalog is searchable (import, embedding and index done).</summary>
    public static async Task WaitUntilReadyAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
            last = status.ToString();
            var phase = status.GetProperty("phase").ToString();
            if (phase == "Ready")
            {
                return;
            }
            if (phase == "Failed")
            {
                throw new InvalidOperationException($"Catalog preparation failed: {last}");
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The catalog was not ready within {timeout}; last status {last}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsRoot)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the WAL file for a moment; a stale temp folder is harmless.
            }
        }
    }
}
