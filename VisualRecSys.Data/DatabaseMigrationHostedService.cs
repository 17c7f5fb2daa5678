using Microsoft.Extensions.Hosting;

namespace VisualRecSys.Data;

/// <summary>Runs <see cref="DatabaseInitializer"/> when the host starts.</summary>
/// <remarks>
/// The host starts hosted services one after another in registration order and awaits each
/// <see cref="StartAsync"/>, so hosted services registered after
/// <see cref="DataServiceCollectionExtensions.AddVisualRecSysData(Microsoft.Extensions.DependencyInjection.IServiceCollection, string)"/> start on a migrated database.
/// </remarks>
public sealed class DatabaseMigrationHostedService : IHostedService
{
    private readonly DatabaseInitializer _initializer;

    /// <summary>Creates the service.</summary>
    /// <param name="initializer">The initializer to run at start.</param>
    /// <exception cref="ArgumentNullException"><paramref name="initializer"/> is <see langword="null"/>.</exception>
    public DatabaseMigrationHostedService(DatabaseInitializer initializer)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        _initializer = initializer;
    }

    /// <summary>Initializes the database.</summary>
    /// <param name="cancellationToken">Cancelled when the host start is aborted.</param>
    /// <returns>A task that completes when the database is ready.</returns>
    public Task StartAsync(CancellationToken cancellationToken) => _initializer.InitializeAsync(cancellationToken);

    /// <summary>Does nothing.</summary>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>A completed task.</returns>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
