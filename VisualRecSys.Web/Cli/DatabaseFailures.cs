using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Web.Cli;

/// <summary>
/// Which SQLite failures are the database file's state (damaged, not a database, a folder, read-only, full, locked) and
/// so a refusal a verb can state in one line, as opposed to a wrong statement or a broken constraint, which are bugs and
/// keep their stack trace.
/// </summary>
internal static class DatabaseFailures
{
    // SQLite result codes (https://sqlite.org/rescode.html) that describe the file or its surroundings, not the SQL.
    private const int Permission = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>The SQLite error that says the database file cannot be used, or null when <paramref name="e"/> is none.</summary>
    public static SqliteException? OfTheFile(Exception e)
    {
        // EF Core reports a failed save as DbUpdateException around the SQLite error.
        var sqlite = e as SqliteException ?? (e as DbUpdateException)?.InnerException as SqliteException;
        return sqlite?.SqliteErrorCode is Permission or Busy or Locked or ReadOnly or IoError or Corrupt or Full or CannotOpen or NotADatabase
            ? sqlite
            : null;
    }
}
