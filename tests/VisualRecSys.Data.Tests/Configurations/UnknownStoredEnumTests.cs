using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Configurations;

/// <summary>A stored kind or status no member names, read back on each provider.</summary>
public abstract class UnknownStoredEnumTests(PostgreSqlServer? server)
{
    [SkippableFact]
    public async Task Reading_a_row_with_an_unknown_stored_string_fails_with_that_message()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        await using (var db = database.CreateContext())
        {
            db.IndexBuilds.Add(new IndexBuild { Kind = IndexBuildKind.Forest, ModelId = "m", Metric = "angular", Status = IndexBuildStatus.Ready });
            await db.SaveChangesAsync();
            // As a newer version, or a hand edit, might leave it: past the check constraint on purpose.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync(database.Provider == DatabaseProvider.Sqlite
                ? "PRAGMA ignore_check_constraints = 1; UPDATE \"IndexBuilds\" SET \"Status\" = 'queued';"
                : "ALTER TABLE \"IndexBuilds\" DROP CONSTRAINT \"CK_IndexBuilds_Status\"; UPDATE \"IndexBuilds\" SET \"Status\" = 'queued';");
        }

        await using var check = database.CreateContext();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => check.IndexBuilds.SingleAsync());
        var messages = Messages(error).ToList();
        Assert.Contains("'queued' is not a known IndexBuildStatus; expected one of: running, ready, failed.", messages);
    }

    private static IEnumerable<string> Messages(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error.Message;
        }
    }
}

public sealed class SqliteUnknownStoredEnumTests() : UnknownStoredEnumTests(server: null);

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlUnknownStoredEnumTests(PostgreSqlServer server) : UnknownStoredEnumTests(server);
