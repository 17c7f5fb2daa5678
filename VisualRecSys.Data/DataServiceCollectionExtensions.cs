using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VisualRecSys.Data.Importing.DeepFashion;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Data.Importing.Folder;
using VisualRecSys.Data.Infrastructure;

namespace VisualRecSys.Data;

/// <summary>Registers the data layer in a service collection.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{TContext}"/> of <see cref="VisualRecSysDbContext"/> over the SQLite
    /// file at <paramref name="databasePath"/>, the <see cref="DatabaseInitializer"/>, a hosted service that runs it
    /// at start (<see cref="DatabaseMigrationHostedService"/>) and the importers (<see cref="FolderImporter"/>,
    /// <see cref="FashionMnistImporter"/>, <see cref="DeepFashionImporter"/>, <see cref="InShopImporter"/>).
    /// </summary>
    /// <remarks>
    /// The importers need an <see cref="Importing.IImageInspector"/> and an <see cref="Importing.IGreyscalePngEncoder"/>,
    /// which the host registers (the data layer cannot decode images).
    /// Call this before registering hosted services that use the database: hosted services start in
    /// registration order, and the migration service's start completes only once the database is migrated.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="databasePath">Path of the database file; relative paths are resolved against the current directory now. Its folder is created on initialization.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="databasePath"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="databasePath"/> is empty or white space.</exception>
    public static IServiceCollection AddVisualRecSysData(this IServiceCollection services, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);

        var target = DatabaseTarget.SqliteFile(databasePath);
        return services.AddVisualRecSysData(_ => target);
    }

    /// <summary>
    /// Registers the data layer like <see cref="AddVisualRecSysData(IServiceCollection, string)"/>, with the database
    /// path chosen when the first context is created — for hosts whose data directory comes from validated options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="databasePath">Returns the full path of the database file; called once.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="databasePath"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddVisualRecSysData(this IServiceCollection services, Func<IServiceProvider, string> databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        return services.AddVisualRecSysData(provider => DatabaseTarget.SqliteFile(databasePath(provider)));
    }

    /// <summary>
    /// Registers the data layer like <see cref="AddVisualRecSysData(IServiceCollection, string)"/> on the database that
    /// <paramref name="database"/> chooses (SQLite or PostgreSQL) when the first context is created.
    /// </summary>
    /// <remarks>
    /// <see cref="IDbContextFactory{TContext}"/> of <see cref="VisualRecSysDbContext"/> (and the scoped context that
    /// Identity and Data Protection use) make the provider's derived context, <see cref="SqliteVisualRecSysDbContext"/>
    /// or <see cref="PostgreSqlVisualRecSysDbContext"/>, each with its own migrations. The chosen
    /// <see cref="DatabaseTarget"/> is registered too, for whoever reports which database serves.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="database">Returns the database to use; called once.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="database"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddVisualRecSysData(this IServiceCollection services, Func<IServiceProvider, DatabaseTarget> database)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);

        services.TryAddSingleton<DatabaseTarget>(database);
        services.AddDbContextFactory<SqliteVisualRecSysDbContext>((provider, options) =>
            SqliteDatabaseOptions.Configure(options, provider.GetRequiredService<DatabaseTarget>().Connection));
        services.AddDbContextFactory<PostgreSqlVisualRecSysDbContext>((provider, options) =>
            PostgreSqlDatabaseOptions.Configure(options, provider.GetRequiredService<DatabaseTarget>().Connection));
        services.TryAddSingleton<IDbContextFactory<VisualRecSysDbContext>, ProviderDbContextFactory>();
        services.TryAddScoped<VisualRecSysDbContext>(provider => provider.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>().CreateDbContext());
        services.TryAddSingleton<DatabaseInitializer>();
        services.AddHostedService<DatabaseMigrationHostedService>();
        services.TryAddSingleton<FolderImporter>();
        services.TryAddSingleton<FashionMnistImporter>();
        services.TryAddSingleton<DeepFashionImporter>();
        services.TryAddSingleton<InShopImporter>();
        return services;
    }
}
