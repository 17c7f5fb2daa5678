namespace VisualRecSys.Data;

/// <summary>The database the app connects to: its provider and where it is.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Connection">For <see cref="DatabaseProvider.Sqlite"/> the full path of the database file; for
/// <see cref="DatabaseProvider.PostgreSQL"/> an Npgsql connection string.</param>
public sealed record DatabaseTarget(DatabaseProvider Provider, string Connection)
{
    /// <summary>The SQLite file at <paramref name="path"/>, resolved against the current directory now.</summary>
    /// <param name="path">Path of the database file.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    public static DatabaseTarget SqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // Resolve once, so a later change of the current directory cannot point the app at another file.
        return new DatabaseTarget(DatabaseProvider.Sqlite, Path.GetFullPath(path));
    }

    /// <summary>The PostgreSQL database that <paramref name="connectionString"/> names.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null, empty or white space.</exception>
    public static DatabaseTarget PostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new DatabaseTarget(DatabaseProvider.PostgreSQL, connectionString);
    }

    /// <summary>The connection string would print a password in logs; records print the provider only.</summary>
    /// <returns>The provider's name.</returns>
    public override string ToString() => Provider.ToString();
}
