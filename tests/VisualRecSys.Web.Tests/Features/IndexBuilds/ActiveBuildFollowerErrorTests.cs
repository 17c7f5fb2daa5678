using Microsoft.Data.Sqlite;
using Npgsql;
using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

/// <summary>Which failures of a follow the follower logs as the database unreachable, and which as a build it cannot serve.</summary>
public sealed class ActiveBuildFollowerErrorTests
{
    [Fact]
    public void A_lost_connection_wrapped_by_the_execution_strategy_is_the_database_unreachable_not_a_refused_build()
    {
        // What Npgsql's execution strategy throws when the server went away mid-query.
        var lost = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Failed to connect to 127.0.0.1:5432"));

        Assert.True(ActiveBuildFollower.IsDatabaseUnreachable(lost));
        Assert.True(ActiveBuildFollower.IsDatabaseUnreachable(new SqliteException("database is locked", 5)));
        Assert.False(ActiveBuildFollower.IsDatabaseUnreachable(new InvalidOperationException("Index build 7 is failed; only a ready build can be activated.")));
    }
}
