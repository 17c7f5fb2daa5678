using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data.Importing;

namespace VisualRecSys.Data.Tests.TestSupport;

/// <summary>A real SQLite file in a temp folder, wired up through <see cref="DataServiceCollectionExtensions.AddVisualRecSysData"/>.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(TempDirectory directory, string databasePath)
    {
        Directory = directory;
        DatabasePath = databasePath;
        // The importers need an image inspector, which a real host supplies over the engine.
        Services = new ServiceCollection()
            .AddVisualRecSysData(databasePath)
            .AddSingleton<IImageInspector>(Inspector)
            .AddSingleton<IGreyscalePngEncoder>(Inspector)
            .BuildServiceProvider();
    }

    public TempDirectory Directory { get; }

    public FakeImageInspector Inspector { get; } = new();

    public string DatabasePath { get; }

    public ServiceProvider Services { get; }

    public IDbContextFactory<VisualRecSysDbContext> ContextFactory =>
        Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();

    public DatabaseInitializer Initializer => Services.GetRequiredService<DatabaseInitializer>();

    public static TestDatabase Create(string relativeDatabasePath = "data/visualrecsys.db")
    {
        var directory = new TempDirectory();
        return new TestDatabase(directory, directory.Combine(relativeDatabasePath.Split('/')));
    }

    public static async Task<TestDatabase> CreateInitializedAsync()
    {
        var database = Create();
        try
        {
            await database.Initializer.InitializeAsync(CancellationToken.None);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public VisualRecSysDbContext CreateContext() => ContextFactory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Directory.Dispose();
    }
}
