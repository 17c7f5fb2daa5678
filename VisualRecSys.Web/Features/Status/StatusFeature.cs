namespace VisualRecSys.Web.Features.Status;

/// <summary>How the server is and what it does: health for probes, the admin status page, query latency, recent problems, jobs.</summary>
public static class StatusFeature
{
    /// <summary>The web app's part: latency figures, the status measurement, and recent warnings kept in memory.</summary>
    public static IHostApplicationBuilder AddStatus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<QueryLatency>();
        builder.Services.AddSingleton<SystemStatus>();
        // Warnings and errors also go to a small in-memory list, for the status page.
        var recent = new RecentLogs(TimeProvider.System);
        builder.Services.AddSingleton(recent);
        builder.Logging.AddProvider(recent);
        return builder;
    }

    /// <summary>Times the similar-items queries (for the latency figures); maps <c>/health</c>, <c>/api/admin/status</c> and <c>/api/admin/jobs*</c>.</summary>
    public static WebApplication MapStatus(this WebApplication app)
    {
        app.Use(QueryLatency.MeasureAsync);
        app.MapHealthEndpoint();
        app.MapAdminStatusApi();
        return app;
    }
}
