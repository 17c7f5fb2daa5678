using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>One app host per test class, started and waited on until its small catalog is searchable.</summary>
public sealed class ReadyAppFixture : IAsyncLifetime
{
    public AppFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        await AppFactory.WaitUntilReadyAsync(Client, TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
