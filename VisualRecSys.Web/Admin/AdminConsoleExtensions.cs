using VisualRecSys.Web.Admin.Status;
using VisualRecSys.Web.Api;
using VisualRecSys.Web.Indexing;
using VisualRecSys.Web.Jobs;

namespace VisualRecSys.Web.Admin;

/// <summary>Registers the admin console: its background worker and job kinds, activation, the status sources, and its API.</summary>
public static class AdminConsoleExtensions
{
    /// <summary>
    /// Adds the console's services. Register after the data layer and the catalog's preparation: the worker's start
    /// waits for the database's migration.
    /// </summary>
    public static WebApplicationBuilder AddAdminConsole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AdminConsoleOptions>().BindConfiguration(AdminConsoleOptions.SectionName)
            .Validate(o => o.TreeBuildDelay >= TimeSpan.Zero && o.TreeBuildDelay <= TimeSpan.FromSeconds(10),
                $"{AdminConsoleOptions.SectionName}:TreeBuildDelay must be between 00:00:00 and 00:00:10.")
            .Validate(o => o.RecallQueries is >= 1 and <= 100_000, $"{AdminConsoleOptions.SectionName}:RecallQueries must be between 1 and 100000.")
            .ValidateOnStart();
        services.AddSingleton<AdminJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminJobs>());
        services.AddSingleton<BuildActivation>();
        services.AddSingleton<AdminBuilds>();
        services.AddSingleton<AdminImports>();
        services.AddSingleton<AdminHeads>();
        services.AddSingleton<QueryLatency>();
        services.AddSingleton<SystemStatus>();

        // Warnings and errors also go to a small in-memory list, for the status page.
        var recent = new RecentLogs(TimeProvider.System);
        services.AddSingleton(recent);
        builder.Logging.AddProvider(recent);
        return builder;
    }

    /// <summary>Times the similar-items queries (for the status page's latency figures) and maps <c>/api/admin/*</c>.</summary>
    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(QueryLatency.MeasureAsync);
        app.MapAdminApi();
        return app;
    }
}
