using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Data;

/// <summary>The context on SQLite: the type that owns the migrations in <c>Migrations/Sqlite</c>.</summary>
/// <remarks>Those migrations keep the ids the app recorded before there were two providers, so existing files migrate on.</remarks>
public sealed class SqliteVisualRecSysDbContext : VisualRecSysDbContext
{
    /// <summary>Creates a context with the given options.</summary>
    /// <param name="options">SQLite options; normally built by the registered factory.</param>
    public SqliteVisualRecSysDbContext(DbContextOptions<SqliteVisualRecSysDbContext> options)
        : base(options)
    {
    }
}
