using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Entities;

/// <summary>How entities are stored, on each provider (<see cref="SqlitePersistenceTests"/>, <see cref="PostgreSqlPersistenceTests"/>).</summary>
public abstract class PersistenceTests(PostgreSqlServer? server)
{
    [SkippableFact]
    public async Task The_model_matches_the_latest_migration()
    {
        // Fails after a model change without `dotnet ef migrations add` (see VisualRecSys.Data/README.md).
        await using var database = await TestDatabase.CreateAsync(server);
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [SkippableFact]
    public async Task Products_keep_explicit_ids_and_get_an_autoincrement_id_otherwise()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        await using (var db = database.CreateContext())
        {
            var category = new Category { Name = "Dress" };
            db.Products.Add(new Product { Id = 42, Title = "Explicit", Category = category, ImageFile = "catalog/42.png" });
            await db.SaveChangesAsync();
            var generated = new Product { Title = "Generated", Category = category, ImageFile = "catalog/new.png" };
            db.Products.Add(generated);
            await db.SaveChangesAsync();
            Assert.Equal(43, generated.Id);
        }

        await using var check = database.CreateContext();
        Assert.Equal([42, 43], await check.Products.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
    }

    [SkippableFact]
    public async Task CreatedAt_is_stored_as_an_integer_sorts_by_instant_and_round_trips()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        // 10:00+02:00 is 08:00Z: earlier than 09:00Z although its local clock reads later.
        var early = new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        var late = new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero);
        await using (var db = database.CreateContext())
        {
            var category = new Category { Name = "Coat" };
            db.Products.AddRange(
                new Product { Id = 1, Title = "late", Category = category, ImageFile = "a.png", CreatedAt = late },
                new Product { Id = 2, Title = "early", Category = category, ImageFile = "b.png", CreatedAt = early });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var ordered = await check.Products.OrderBy(p => p.CreatedAt).ToListAsync();
        Assert.Equal(["early", "late"], ordered.Select(p => p.Title));
        Assert.Equal(early, ordered[0].CreatedAt);
        Assert.Equal(early.UtcTicks, ordered[0].CreatedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, ordered[0].CreatedAt.Offset);

        var newer = await check.Products.Where(p => p.CreatedAt > early).Select(p => p.Title).ToListAsync();
        Assert.Equal(["late"], newer);
        var storage = await check.Database.SqlQueryRaw<string>(ProviderSql.StorageTypes(database.Provider, "Products", "CreatedAt")).ToListAsync();
        Assert.All(storage, type => Assert.Equal(ProviderSql.Integer64(database.Provider), type));
    }

    [SkippableFact]
    public async Task Category_names_are_unique()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        await using var db = database.CreateContext();
        db.Categories.Add(new Category { Name = "Bag" });
        await db.SaveChangesAsync();

        db.Categories.Add(new Category { Name = "Bag" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task A_category_with_products_cannot_be_deleted()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        await using (var db = database.CreateContext())
        {
            db.Products.Add(new Product { Id = 7, Title = "Boot", Category = new Category { Name = "Ankle boot" }, ImageFile = "7.png" });
            await db.SaveChangesAsync();
        }

        await using var other = database.CreateContext();
        other.Categories.Remove(await other.Categories.SingleAsync());
        await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task IndexBuilds_round_trip_and_reject_unknown_kinds_and_statuses()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        var started = DateTimeOffset.UtcNow;
        await using (var db = database.CreateContext())
        {
            db.IndexBuilds.Add(new IndexBuild
            {
                Kind = IndexBuildKind.Forest,
                ModelId = "resnet18",
                Metric = "cosine",
                ItemCount = 60000,
                Dimension = 512,
                Status = IndexBuildStatus.Ready,
                StartedAt = started,
                FinishedAt = started.AddSeconds(3),
                FilePath = "indexes/1.annoy",
                IsActive = true,
            });
            await db.SaveChangesAsync();
        }

        await using (var check = database.CreateContext())
        {
            var build = await check.IndexBuilds.SingleAsync(b => b.IsActive);
            Assert.Equal((IndexBuildKind.Forest, IndexBuildStatus.Ready, 512, 60000), (build.Kind, build.Status, build.Dimension, build.ItemCount));
            var stored = await check.Database.SqlQueryRaw<string>("SELECT \"Kind\" || '/' || \"Status\" AS \"Value\" FROM \"IndexBuilds\"").SingleAsync();
            Assert.Equal("forest/ready", stored);
            Assert.Equal(started, build.StartedAt);
            Assert.Equal(started.AddSeconds(3), build.FinishedAt);
            Assert.Null(build.Error);
        }

        // The enums cannot hold another value; SQL written by hand can, and the check constraints refuse it ('annoy' too,
        // the kind builds were wrongly recorded with before).
        foreach (var (kind, status) in new[] { ("hnsw", "running"), ("annoy", "ready"), ("forest", "done") })
        {
            await using var db = database.CreateContext();
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync(
                $"UPDATE \"IndexBuilds\" SET \"Kind\" = {kind}, \"Status\" = {status}"));
        }
    }
}

public sealed class SqlitePersistenceTests() : PersistenceTests(server: null);

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlPersistenceTests(PostgreSqlServer server) : PersistenceTests(server);
