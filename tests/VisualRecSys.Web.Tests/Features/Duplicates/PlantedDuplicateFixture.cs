using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Web.Tests.Features.Duplicates;

/// <summary>
/// The app on the small test catalog plus one planted duplicate, serving the shipped retrieval head as the demo does (the
/// model the default threshold was measured with), with an admin client and an anonymous one.
/// </summary>
public sealed class PlantedDuplicateFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-duplicates-{Guid.NewGuid():N}");

    internal PlantedDuplicate Planted { get; private set; } = default!;

    public AppFactory Factory { get; private set; } = default!;

    public int OriginalId { get; private set; }

    public int CopyId { get; private set; }

    public HttpClient Admin { get; private set; } = default!;

    public HttpClient Shopper { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Planted = PlantedDuplicate.Create(_root);
        Factory = new AppFactory(_root);
        Factory.Settings["VisualRecSys:DefaultHead"] = "";
        Shopper = Factory.CreateClient();
        await AppFactory.WaitUntilReadyAsync(Shopper, TimeSpan.FromMinutes(3));
        Admin = await Factory.CreateSignedInClientAsync(AppRoles.Admin);
        OriginalId = await PlantedDuplicate.IdOfAsync(Shopper, Planted.OriginalTitle);
        CopyId = await PlantedDuplicate.IdOfAsync(Shopper, Planted.CopyTitle);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        Shopper.Dispose();
        await Factory.DisposeAsync();
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
