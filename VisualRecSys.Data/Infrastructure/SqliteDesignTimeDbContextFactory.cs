using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VisualRecSys.Data.Infrastructure;

/// <summary>
/// Lets <c>dotnet ef migrations add --context SqliteVisualRecSysDbContext</c> build the context without a startup project.
/// </summary>
/// <remarks>
/// Adding a migration never opens the database, so the path only matters for commands such as
/// <c>dotnet ef database update -- path/to/file.db</c>, where the first argument after <c>--</c> is used.
/// </remarks>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteVisualRecSysDbContext>
{
    private const string DefaultDatabasePath = "visualrecsys.design.db";

    public SqliteVisualRecSysDbContext CreateDbContext(string[] args)
    {
        var path = args is { Length: > 0 } ? args[0] : DefaultDatabasePath;
        var options = new DbContextOptionsBuilder<SqliteVisualRecSysDbContext>();
        SqliteDatabaseOptions.Configure(options, path);
        return new SqliteVisualRecSysDbContext(options.Options);
    }
}
