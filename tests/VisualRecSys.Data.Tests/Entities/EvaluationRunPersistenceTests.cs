using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Entities;

/// <summary>Evaluation runs on each provider.</summary>
public abstract class EvaluationRunPersistenceTests(PostgreSqlServer? server)
{
    [SkippableFact]
    public async Task A_run_round_trips_with_its_categories_in_order_and_exact_figures()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        var run = new EvaluationRun
        {
            Status = EvaluationRunStatus.Completed,
            ModelId = "resnet18-0123456789ab",
            K = 10,
            PrecisionAt1 = 1.0 / 3,
            AnnRecallAtK = 0.1 + 0.2,
            ConfusionJson = """{"categories":["Bag"],"counts":[[3]]}""",
        };
        run.Categories.Add(new EvaluationCategoryResult { Position = 1, Category = "Coat", MapAtK = 2.0 / 7 });
        run.Categories.Add(new EvaluationCategoryResult { Position = 0, Category = "Bag", PrecisionAt10 = 0.7 });
        await using (var db = database.CreateContext())
        {
            db.EvaluationRuns.Add(run);
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var stored = await check.EvaluationRuns.Include(r => r.Categories.OrderBy(c => c.Position)).SingleAsync();
        // Doubles are stored as 8-byte IEEE numbers (SQLite REAL, PostgreSQL double precision): exactly what was computed comes back.
        Assert.Equal((1.0 / 3, 0.1 + 0.2), (stored.PrecisionAt1, stored.AnnRecallAtK));
        Assert.Equal(["Bag", "Coat"], stored.Categories.Select(c => c.Category));
        Assert.Equal(2.0 / 7, stored.Categories[1].MapAtK);
        Assert.Equal(run.ConfusionJson, stored.ConfusionJson);
    }

    [SkippableFact]
    public async Task Deleting_a_run_deletes_its_categories_and_unknown_statuses_are_refused()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        await using (var db = database.CreateContext())
        {
            var run = new EvaluationRun { Status = EvaluationRunStatus.Running, ModelId = "m" };
            run.Categories.Add(new EvaluationCategoryResult { Position = 0, Category = "Bag" });
            db.EvaluationRuns.Add(run);
            await db.SaveChangesAsync();
            // In SQL, not through the change tracker: the database's own cascade.
            await db.EvaluationRuns.ExecuteDeleteAsync();
            Assert.Equal(0, await db.EvaluationCategoryResults.CountAsync());
        }

        // The enum cannot hold another status; SQL written by hand can, and the check constraint refuses it.
        await using var other = database.CreateContext();
        other.EvaluationRuns.Add(new EvaluationRun { Status = EvaluationRunStatus.Completed, ModelId = "m" });
        await other.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<DbException>(() => other.Database.ExecuteSqlRawAsync("UPDATE \"EvaluationRuns\" SET \"Status\" = 'queued'"));
    }
}

public sealed class SqliteEvaluationRunPersistenceTests() : EvaluationRunPersistenceTests(server: null);

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlEvaluationRunPersistenceTests(PostgreSqlServer server) : EvaluationRunPersistenceTests(server);
