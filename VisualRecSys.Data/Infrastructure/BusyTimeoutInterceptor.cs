using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VisualRecSys.Data.Infrastructure;

/// <summary>Sets <c>PRAGMA busy_timeout</c> on every connection EF Core opens.</summary>
/// <remarks>
/// The busy timeout belongs to the native connection, not to the database file, so it has to be
/// set on each one (a pooled connection keeps it, and setting it again costs one in-process
/// statement). The connection string's <c>Default Timeout</c> does not set it: Microsoft.Data.Sqlite
/// never calls <c>sqlite3_busy_timeout</c>, it re-runs a busy statement itself, sleeping 150 ms
/// between tries, until that timeout. We keep both: the pragma makes SQLite's own busy handler wait
/// for the lock inside the statement, in short steps, so a writer blocked by another writer
/// proceeds as soon as the lock is free; <c>Default Timeout</c> (30 s) remains the outer bound.
/// </remarks>
internal sealed class BusyTimeoutInterceptor : DbConnectionInterceptor
{
    public static readonly BusyTimeoutInterceptor Instance = new();

    private static readonly string s_commandText = string.Create(
        CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {SqliteDatabaseOptions.BusyTimeoutMilliseconds};");

    private BusyTimeoutInterceptor()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = s_commandText;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = s_commandText;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
