using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Data.Infrastructure;

/// <summary>Builds the one SQLite configuration shared by the runtime and the design-time factory.</summary>
internal static class SqliteDatabaseOptions
{
    /// <summary>Milliseconds SQLite itself waits for a lock (<c>PRAGMA busy_timeout</c>).</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    /// <summary>Seconds Microsoft.Data.Sqlite keeps retrying a busy command (<c>Default Timeout</c>).</summary>
    public const int CommandTimeoutSeconds = 30;

    /// <summary>Returns the connection string for the database file at <paramref name="databasePath"/>.</summary>
    public static string BuildConnectionString(string databasePath)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Private cache: with WAL, readers and the single writer already run concurrently;
            // a shared cache would serialize them on table locks (SQLITE_LOCKED) instead.
            Cache = SqliteCacheMode.Private,
            // Reusing native handles avoids re-opening the file and re-running the open-time
            // PRAGMAs for every short-lived DbContext.
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = CommandTimeoutSeconds,
        };
        return builder.ConnectionString;
    }

    /// <summary>Configures <paramref name="options"/> for the database file at <paramref name="databasePath"/>.</summary>
    public static void Configure(DbContextOptionsBuilder options, string databasePath)
    {
        options.UseSqlite(BuildConnectionString(databasePath));
        options.AddInterceptors(BusyTimeoutInterceptor.Instance);
    }
}
