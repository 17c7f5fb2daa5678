using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace VisualRecSys.Data;

/// <summary>
/// Brings the database up to date: applies EF Core migrations; on SQLite, creates the file's folder first and
/// switches the file to write-ahead logging.
/// </summary>
/// <remarks>
/// Registered as a singleton by <see cref="DataServiceCollectionExtensions.AddVisualRecSysData(Microsoft.Extensions.DependencyInjection.IServiceCollection, string)"/>
/// and run at host start by <see cref="DatabaseMigrationHostedService"/>. Other components may call
/// <see cref="InitializeAsync"/> too: concurrent calls wait for the one in progress, and after a
/// success further calls return at once.
/// </remarks>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim holds no unmanaged resource unless its AvailableWaitHandle is used, which it never is here.")]
public sealed partial class DatabaseInitializer
{
    private readonly IDbContextFactory<VisualRecSysDbContext> _contextFactory;
    private readonly ILogger<DatabaseInitializer> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Creates an initializer for the database that <paramref name="contextFactory"/> connects to.</summary>
    /// <param name="contextFactory">Factory of contexts over the database.</param>
    /// <param name="logger">Optional logger; nothing is logged without one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contextFactory"/> is <see langword="null"/>.</exception>
    public DatabaseInitializer(
        IDbContextFactory<VisualRecSysDbContext> contextFactory,
        ILogger<DatabaseInitializer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        _contextFactory = contextFactory;
        _logger = logger ?? NullLogger<DatabaseInitializer>.Instance;
    }

    /// <summary>
    /// Applies pending migrations (on SQLite creating the file's folder first and enabling WAL after); does nothing
    /// once a call has succeeded.
    /// </summary>
    /// <param name="ct">Cancels waiting for, or running, the initialization. A cancelled or failed run is retried by the next call.</param>
    /// <returns>A task that completes when the database is ready.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <exception cref="SqliteException">The database file cannot be opened or migrated.</exception>
    /// <exception cref="NpgsqlException">The PostgreSQL database cannot be reached or migrated.</exception>
    public async Task InitializeAsync(CancellationToken ct)
    {
        if (_initialized)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_initialized)
            {
                return;
            }

            await RunAsync(ct);
            _initialized = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The PostgreSQL advisory lock key of migrations: any fixed number no other code of the app takes ("VRSMIGR").</summary>
    private const long MigrationLockKey = 0x5652534D49475200;

    private async Task RunAsync(CancellationToken ct)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var isSqlite = db.Database.IsSqlite();
        var database = isSqlite ? SqliteFile(db) : ServerDatabase(db);

        int pending;
        if (isSqlite)
        {
            pending = await MigrateAsync(db, ct);
        }
        else
        {
            // Replicas starting together on one PostgreSQL database migrate it in turn. EF Core's own migration lock is
            // taken per migration transaction, so with two or more pending migrations a second replica could start on
            // one the first is still applying ("relation already exists"): a session-level advisory lock, held on this
            // connection for the whole run, makes the second wait and then find nothing left to apply.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", ct);
                try
                {
                    pending = await MigrateAsync(db, ct);
                }
                finally
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        LogMigrated(database, pending);

        if (isSqlite)
        {
            // WAL lets the web app read while an import writes. The mode is stored in the file, so
            // this is needed once, but it is cheap and idempotent; it has to run outside a transaction.
            var journalMode = await ExecuteScalarAsync(db, "PRAGMA journal_mode=WAL;", ct);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                LogJournalModeNotWal(database, journalMode ?? "(none)");
            }
        }
    }

    /// <summary>Applies the pending migrations; returns how many there were.</summary>
    private static async Task<int> MigrateAsync(VisualRecSysDbContext db, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        // MigrateAsync, never EnsureCreated: a database made by EnsureCreated has no migrations
        // history and could never be migrated later.
        await db.Database.MigrateAsync(ct);
        return pending;
    }

    /// <summary>The database file's path, after creating its folder (SQLite creates the file but not its folder).</summary>
    private static string SqliteFile(VisualRecSysDbContext db)
    {
        var databasePath = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return databasePath;
    }

    /// <summary>Host, port and database name, for the log: never the whole connection string, which may hold a password.</summary>
    private static string ServerDatabase(VisualRecSysDbContext db)
    {
        var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{builder.Database} on {builder.Host}:{builder.Port}");
    }

    private static async Task<string?> ExecuteScalarAsync(VisualRecSysDbContext db, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is up to date ({Count} migration(s) applied now)")]
    private partial void LogMigrated(string database, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {DatabasePath} did not switch to WAL; journal mode is {JournalMode}")]
    private partial void LogJournalModeNotWal(string databasePath, string journalMode);
}
