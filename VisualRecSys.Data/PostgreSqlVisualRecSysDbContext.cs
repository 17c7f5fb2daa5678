using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Data;

/// <summary>The context on PostgreSQL: the type that owns the migrations in <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgreSqlVisualRecSysDbContext : VisualRecSysDbContext
{
    /// <summary>
    /// The collation of every text column: byte order, as SQLite's default BINARY compares, so equality, unique
    /// indexes and ORDER BY give the same answers on both providers (the server's default locale would sort
    /// "apple" before "Banana" and may differ from one server to the next).
    /// </summary>
    public const string TextCollation = "C";

    /// <summary>Creates a context with the given options.</summary>
    /// <param name="options">PostgreSQL options; normally built by the registered factory.</param>
    public PostgreSqlVisualRecSysDbContext(DbContextOptions<PostgreSqlVisualRecSysDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<string>().UseCollation(TextCollation);
    }
}
