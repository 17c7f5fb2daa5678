using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>
/// Two instances started at the same moment on one fresh data directory (a restart overlapping the old process, two
/// replicas on a shared volume): both come up, migrations run once, the seed catalog is imported once, both search.
/// </summary>
public sealed class ConcurrentStartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-twice-{Guid.NewGuid():N}");

    [Fact]
    public async Task Two_instances_starting_together_migrate_and_seed_once_and_both_serve()
    {
        await using var first = new AppFactory(_root);
        await using var second = new AppFactory(_root);
        using var ready = new Barrier(2);

        // Each host starts on its own thread, released together so their migrations and imports overlap.
        var clients = await Task.WhenAll(new[] { first, second }.Select(app => Task.Run(() =>
        {
            ready.SignalAndWait();
            return app.CreateClient();
        })));
        try
        {
            await Task.WhenAll(clients.Select(c => AppFactory.WaitUntilReadyAsync(c, TimeSpan.FromMinutes(3))));

            var migrations = first.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
            await using var db = await migrations.CreateDbContextAsync();
            var history = await db.Database.SqlQueryRaw<string>("SELECT MigrationId AS Value FROM __EFMigrationsHistory").ToListAsync();
            Assert.Equal(db.Database.GetMigrations().Order(StringComparer.Ordinal), history.Order(StringComparer.Ordinal));
            Assert.Equal(AppFactory.ProductCount, await db.Products.CountAsync());
            foreach (var client in clients)
            {
                var similar = await client.GetFromJsonAsync<JsonElement>("/api/products/2/similar?k=5");
                Assert.Equal(5, similar.GetProperty("results").GetArrayLength());
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
