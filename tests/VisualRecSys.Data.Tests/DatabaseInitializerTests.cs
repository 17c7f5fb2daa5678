using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VisualRecSys.Data.Importing.DeepFashion;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Data.Importing.Folder;
using VisualRecSys.Data.Tests.TestSupport;

namespace VisualRecSys.Data.Tests;

public sealed class DatabaseInitializerTests
{
    [Fact]
    public async Task InitializeAsync_creates_the_folder_and_database_and_applies_InitialCreate()
    {
        await using var database = TestDatabase.Create("nested/twice/app.db");
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.DatabasePath)));

        await database.Initializer.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(database.DatabasePath));
        await using var db = database.CreateContext();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Contains(applied, id => id.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Products.CountAsync());
    }

    [Fact]
    public async Task InitializeAsync_switches_the_database_to_WAL()
    {
        await using var database = await TestDatabase.CreateInitializedAsync();

        // A separate, unpooled connection: the journal mode is a property of the file, not of a connection.
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = database.DatabasePath, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Connections_from_the_factory_have_a_busy_timeout_of_5000_ms()
    {
        await using var database = await TestDatabase.CreateInitializedAsync();

        // Twice: the second context gets a connection back from the pool.
        for (var i = 0; i < 2; i++)
        {
            await using var db = database.CreateContext();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal(5000L, (long)(await command.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task InitializeAsync_can_be_called_concurrently_and_again_and_keeps_data()
    {
        await using var database = TestDatabase.Create();
        var initializer = database.Initializer;

        await Task.WhenAll(
            initializer.InitializeAsync(CancellationToken.None),
            initializer.InitializeAsync(CancellationToken.None),
            Task.Run(() => initializer.InitializeAsync(CancellationToken.None)));
        await using (var db = database.CreateContext())
        {
            db.Categories.Add(new Category { Name = "Bag" });
            await db.SaveChangesAsync();
        }

        await initializer.InitializeAsync(CancellationToken.None);
        // A new initializer on the same file, as after an app restart.
        await new DatabaseInitializer(database.ContextFactory).InitializeAsync(CancellationToken.None);

        await using var check = database.CreateContext();
        Assert.Equal(["Bag"], await check.Categories.Select(c => c.Name).ToListAsync());
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_cancelled_InitializeAsync_is_retried_by_the_next_call()
    {
        await using var database = TestDatabase.Create();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.Initializer.InitializeAsync(cancelled.Token));
        await database.Initializer.InitializeAsync(CancellationToken.None);

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_hosted_service_is_registered_and_migrates_on_start()
    {
        await using var database = TestDatabase.Create();

        var hostedServices = database.Services.GetServices<IHostedService>().ToList();
        var service = Assert.IsType<DatabaseMigrationHostedService>(Assert.Single(hostedServices));
        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(File.Exists(database.DatabasePath));
    }

    [Fact]
    public async Task AddVisualRecSysData_registers_singletons_and_a_scoped_context()
    {
        await using var database = TestDatabase.Create();
        var services = database.Services;

        Assert.Same(services.GetRequiredService<DatabaseInitializer>(), services.GetRequiredService<DatabaseInitializer>());
        Assert.Same(services.GetRequiredService<FolderImporter>(), services.GetRequiredService<FolderImporter>());
        Assert.NotNull(services.GetRequiredService<FashionMnistImporter>());
        Assert.NotNull(services.GetRequiredService<DeepFashionImporter>());
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisualRecSysDbContext>();
        var connectionString = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal(database.DatabasePath, connectionString.DataSource);
        Assert.True(connectionString.Pooling);
        Assert.Equal(30, connectionString.DefaultTimeout);
    }
}
