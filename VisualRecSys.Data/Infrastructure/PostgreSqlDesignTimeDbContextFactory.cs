using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VisualRecSys.Data.Infrastructure;

/// <summary>
/// Lets <c>dotnet ef migrations add --context PostgreSqlVisualRecSysDbContext</c> build the context without a startup project.
/// </summary>
/// <remarks>
/// Adding a migration never connects, so the default connection string is a placeholder; <c>dotnet ef database update
/// -- "Host=...;Database=..."</c> uses the first argument after <c>--</c>.
/// </remarks>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlVisualRecSysDbContext>
{
    private const string DefaultConnectionString = "Host=localhost;Database=visualrecsys_design";

    public PostgreSqlVisualRecSysDbContext CreateDbContext(string[] args)
    {
        var connectionString = args is { Length: > 0 } ? args[0] : DefaultConnectionString;
        var options = new DbContextOptionsBuilder<PostgreSqlVisualRecSysDbContext>();
        PostgreSqlDatabaseOptions.Configure(options, connectionString);
        return new PostgreSqlVisualRecSysDbContext(options.Options);
    }
}
