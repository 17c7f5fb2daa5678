using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VisualRecSys.Data.Tests.TestSupport;

namespace VisualRecSys.Data.Tests.Migrations;

/// <summary>The IndexBuildKindForest migration on a database whose builds were recorded as <c>"annoy"</c>.</summary>
public sealed class IndexBuildKindMigrationTests
{
    private const string Before = "20261202010138_InstanceEvaluation";

    [Fact]
    public async Task Builds_stored_as_annoy_become_forests_and_annoy_is_refused_afterwards()
    {
        await using var database = TestDatabase.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(database.DatabasePath)!);
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
            await InsertAnnoyBuildAsync(db, 1, "ready", active: true);
            await InsertAnnoyBuildAsync(db, 2, "failed", active: false);
        }

        await database.Initializer.InitializeAsync(CancellationToken.None);

        await using var check = database.CreateContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        var builds = await check.IndexBuilds.OrderBy(b => b.Id).ToListAsync();
        Assert.Equal(
            [(1, IndexBuildKind.Forest, IndexBuildStatus.Ready, true, "indexes/1.vrsx"), (2, IndexBuildKind.Forest, IndexBuildStatus.Failed, false, "indexes/2.vrsx")],
            builds.Select(b => (b.Id, b.Kind, b.Status, b.IsActive, b.FilePath)));
        Assert.Equal(["forest", "forest"], await check.Database.SqlQueryRaw<string>("SELECT \"Kind\" AS \"Value\" FROM \"IndexBuilds\"").ToListAsync());
        // The rebuilt table keeps its index and the new constraint.
        Assert.Equal(1, await check.IndexBuilds.CountAsync(b => b.IsActive));
        Assert.Contains("IX_IndexBuilds_IsActive", await check.Database.SqlQueryRaw<string>(
            "SELECT \"name\" AS \"Value\" FROM sqlite_master WHERE \"tbl_name\" = 'IndexBuilds' AND \"type\" = 'index'").ToListAsync());
        await Assert.ThrowsAsync<SqliteException>(() => check.Database.ExecuteSqlRawAsync("UPDATE \"IndexBuilds\" SET \"Kind\" = 'annoy'"));
    }

    [Fact]
    public async Task Reverting_the_migration_stores_annoy_again()
    {
        await using var database = await TestDatabase.CreateInitializedAsync();
        await using (var db = database.CreateContext())
        {
            db.IndexBuilds.Add(new IndexBuild { Kind = IndexBuildKind.Forest, ModelId = "m", Metric = "angular", Status = IndexBuildStatus.Ready });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        await check.GetService<IMigrator>().MigrateAsync(Before);
        Assert.Equal(["annoy"], await check.Database.SqlQueryRaw<string>("SELECT \"Kind\" AS \"Value\" FROM \"IndexBuilds\"").ToListAsync());
    }

    /// <summary>A build row as the app wrote them before the migration (the columns of that schema).</summary>
    private static Task<int> InsertAnnoyBuildAsync(VisualRecSysDbContext db, int id, string status, bool active) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "IndexBuilds" ("Id", "Kind", "ModelId", "Metric", "ItemCount", "Dimension", "Status", "StartedAt", "IsActive", "Trees", "SearchK", "FilePath")
            VALUES ({id}, 'annoy', 'resnet18', 'angular', 100, 512, {status}, 0, {active}, 10, 0, {$"indexes/{id}.vrsx"})
            """);
}
