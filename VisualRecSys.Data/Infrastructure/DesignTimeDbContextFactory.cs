using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VisualRecSys.Data.Infrastructure;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the context without a startup project.
/// </summary>
/// <remarks>
/// Adding a migration never opens the database, so the path only matters for commands such as
/// <c>dotnet ef database update -- path/to/file.db</c>, where the first argument after <c>--</c> is used.
/// </remarks>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VisualRecSysDbContext>
{
    private const string DefaultDatabasePath = "visualrecsys.design.db";

    public VisualRecSysDbContext CreateDbContext(string[] args)
    {
        var path = args is { Length: > 0 } ? args[0] : DefaultDatabasePath;
        var options = new DbContextOptionsBuilder<VisualRecSysDbContext>();
        SqliteDatabaseOptions.Configure(options, path);
        return new VisualRecSysDbContext(options.Options);
    }
}
