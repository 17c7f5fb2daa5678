using VisualRecSys.Data;

namespace VisualRecSys.Web.Infrastructure.Hosting;

/// <summary>The <c>VisualRecSys:Database</c> settings; the connection string is the standard <c>ConnectionStrings:VisualRecSys</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The name of the connection string PostgreSQL needs (<c>ConnectionStrings:VisualRecSys</c>).</summary>
    public const string ConnectionStringName = "VisualRecSys";

    /// <summary>
    /// <see cref="DatabaseProvider.Sqlite"/> (default: <c>visualrecsys.db</c> in the data directory, one app process) or
    /// <see cref="DatabaseProvider.PostgreSQL"/> (the database of <c>ConnectionStrings:VisualRecSys</c>, which replicas share).
    /// </summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
