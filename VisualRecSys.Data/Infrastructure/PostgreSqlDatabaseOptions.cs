using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Data.Infrastructure;

/// <summary>Builds the one PostgreSQL configuration shared by the runtime and the design-time factory.</summary>
/// <remarks>
/// No retrying execution strategy: the importers and the index builds open their own transactions, which such a
/// strategy refuses unless every one is wrapped in it.
/// </remarks>
internal static class PostgreSqlDatabaseOptions
{
    /// <summary>Configures <paramref name="options"/> for the database that <paramref name="connectionString"/> names.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);
}
