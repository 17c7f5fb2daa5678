using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace VisualRecSys.Data.Infrastructure;

/// <summary>
/// The <see cref="IDbContextFactory{TContext}"/> of <see cref="VisualRecSysDbContext"/> the app injects: makes the
/// configured provider's derived context, the type whose migrations fit that provider.
/// </summary>
/// <remarks>The other provider's factory is never resolved, so its options (which could not read this connection) are never built.</remarks>
internal sealed class ProviderDbContextFactory(IServiceProvider services, DatabaseTarget target) : IDbContextFactory<VisualRecSysDbContext>
{
    public VisualRecSysDbContext CreateDbContext() => target.Provider switch
    {
        DatabaseProvider.Sqlite => services.GetRequiredService<IDbContextFactory<SqliteVisualRecSysDbContext>>().CreateDbContext(),
        DatabaseProvider.PostgreSQL => services.GetRequiredService<IDbContextFactory<PostgreSqlVisualRecSysDbContext>>().CreateDbContext(),
        _ => throw new InvalidOperationException($"Unknown database provider {target.Provider}."),
    };
}
