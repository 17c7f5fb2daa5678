using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data.Importing;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.TestSupport;

/// <summary>
/// A real database wired up through <see cref="DataServiceCollectionExtensions.AddVisualRecSysData(IServiceCollection, Func{IServiceProvider, DatabaseTarget})"/>:
/// an SQLite file in a temp folder, or a fresh database on the test run's PostgreSQL server (dropped on dispose).
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgreSqlServer? _server;

    private TestDatabase(TempDirectory directory, DatabaseTarget target, PostgreSqlServer? server)
    {
        Directory = directory;
        Target = target;
        _server = server;
        // The importers need an image inspector, which a real host supplies over the engine.
        Services = new ServiceCollection()
            .AddVisualRecSysData(_ => target)
            .AddSingleton<IImageInspector>(Inspector)
            .AddSingleton<IGreyscalePngEncoder>(Inspector)
            .BuildServiceProvider();
    }

    /// <summary>Where the importers put images; the database file too on SQLite.</summary>
    public TempDirectory Directory { get; }

    public FakeImageInspector Inspector { get; } = new();

    public DatabaseTarget Target { get; }

    public DatabaseProvider Provider => Target.Provider;

    /// <summary>The SQLite file's full path (SQLite only).</summary>
    public string DatabasePath => Provider == DatabaseProvider.Sqlite
        ? Target.Connection
        : throw new InvalidOperationException("A PostgreSQL test database has no file.");

    public ServiceProvider Services { get; }

    public IDbContextFactory<VisualRecSysDbContext> ContextFactory =>
        Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();

    public DatabaseInitializer Initializer => Services.GetRequiredService<DatabaseInitializer>();

    /// <summary>An SQLite file, not created yet.</summary>
    public static TestDatabase Create(string relativeDatabasePath = "data/visualrecsys.db")
    {
        var directory = new TempDirectory();
        return new TestDatabase(directory, DatabaseTarget.SqliteFile(directory.Combine(relativeDatabasePath.Split('/'))), server: null);
    }

    /// <summary>
    /// An SQLite file when <paramref name="server"/> is null, otherwise an empty database on it; skips the test when the
    /// server could not be started here.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(PostgreSqlServer? server, string purpose = "test")
    {
        if (server is null)
        {
            return Create();
        }

        Skip.If(server.SkipReason is not null, server.SkipReason);
        var connectionString = await server.CreateDatabaseAsync(purpose);
        return new TestDatabase(new TempDirectory(), DatabaseTarget.PostgreSql(connectionString), server);
    }

    public static Task<TestDatabase> CreateInitializedAsync() => CreateInitializedAsync(server: null);

    /// <summary>Like <see cref="CreateAsync"/>, with the migrations applied.</summary>
    public static async Task<TestDatabase> CreateInitializedAsync(PostgreSqlServer? server, string purpose = "test")
    {
        var database = await CreateAsync(server, purpose);
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
        if (_server is not null)
        {
            await _server.DropDatabaseAsync(Target.Connection);
        }

        Directory.Dispose();
    }
}
