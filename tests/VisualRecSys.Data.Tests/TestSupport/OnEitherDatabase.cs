using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.TestSupport;

/// <summary>
/// A test class run once on SQLite (<paramref name="server"/> null) and once on the test run's PostgreSQL server, with a
/// migrated database of its own for each test.
/// </summary>
public abstract class OnEitherDatabase(PostgreSqlServer? server) : IAsyncLifetime
{
    private TestDatabase? _initialized;

    /// <summary>The database; skips the test when the PostgreSQL server could not be started here.</summary>
    internal TestDatabase Database => _initialized ?? throw new SkipException(server!.SkipReason);

    /// <summary>Where the importers put images.</summary>
    protected string ImagesDirectory => Database.Directory.Combine("data", "images");

    // Not skipped here, where xunit would fail the test: the test body skips when it reaches for the database.
    public async Task InitializeAsync() =>
        _initialized = server?.SkipReason is null ? await TestDatabase.CreateInitializedAsync(server, GetType().Name) : null;

    public async Task DisposeAsync()
    {
        if (_initialized is not null)
        {
            await _initialized.DisposeAsync();
        }
    }
}
