using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Migrations;

/// <summary>Each provider's migrations, applied to an empty database by the app's initializer.</summary>
public abstract class MigrationsFromEmptyTests(PostgreSqlServer? server)
{
    [SkippableFact]
    public async Task An_empty_database_gets_every_migration_of_its_provider_and_every_table()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);

        await using var db = database.CreateContext();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges());
        // Every table answers, Identity's and Data Protection's too.
        Assert.Equal(0, await db.Products.CountAsync() + await db.Categories.CountAsync() + await db.IndexBuilds.CountAsync()
            + await db.Feedback.CountAsync() + await db.EvaluationRuns.CountAsync() + await db.EvaluationCategoryResults.CountAsync()
            + await db.Users.CountAsync() + await db.Roles.CountAsync() + await db.DataProtectionKeys.CountAsync());
    }

    [SkippableFact]
    public async Task Two_initializers_on_one_database_at_once_migrate_it_once_and_keep_data()
    {
        // As two replicas starting together on one database (EF Core's migration lock takes them in turn).
        await using var database = await TestDatabase.CreateAsync(server);
        var other = new DatabaseInitializer(database.ContextFactory);
        await Task.WhenAll(
            Task.Run(() => database.Initializer.InitializeAsync(CancellationToken.None)),
            Task.Run(() => other.InitializeAsync(CancellationToken.None)));
        await using (var db = database.CreateContext())
        {
            db.Categories.Add(new Category { Name = "Bag" });
            await db.SaveChangesAsync();
        }

        // A restart finds nothing to do and the data still there.
        await new DatabaseInitializer(database.ContextFactory).InitializeAsync(CancellationToken.None);

        await using var check = database.CreateContext();
        Assert.Equal(["Bag"], await check.Categories.Select(c => c.Name).ToListAsync());
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }
}

public sealed class SqliteMigrationsFromEmptyTests() : MigrationsFromEmptyTests(server: null)
{
    /// <summary>The ids existing databases recorded in <c>__EFMigrationsHistory</c>: renaming one would re-run it on them.</summary>
    private static readonly string[] s_recordedIds =
    [
        "20261129080506_InitialCreate",
        "20261129090220_ProductPriceSplitSourceKey",
        "20261129092644_Feedback",
        "20261129105235_EvaluationRuns",
        "20261129111455_Identity",
        "20261129111502_IndexBuildHistory",
        "20261202010138_InstanceEvaluation",
        "20261202064753_IndexBuildKindForest",
        "20261202080049_IndexBuildActivationRequest",
    ];

    [Fact]
    public async Task The_SQLite_migrations_keep_the_ids_existing_databases_recorded()
    {
        await using var database = TestDatabase.Create();
        await using var db = database.CreateContext();

        var ids = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(s_recordedIds, ids.Take(s_recordedIds.Length));
        Assert.EndsWith("_DataProtectionKeys", ids[s_recordedIds.Length], StringComparison.Ordinal);
    }
}

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlMigrationsFromEmptyTests(PostgreSqlServer server) : MigrationsFromEmptyTests(server);
