using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using VisualRecSys.Data;
using VisualRecSys.Web.Infrastructure.Jobs;
using VisualRecSys.Web.Infrastructure.Proxies;
using VisualRecSys.Web.Infrastructure.RateLimiting;
using VisualRecSys.Web.Infrastructure.Security;

using VisualRecSys.Web.Infrastructure.Memory;

namespace VisualRecSys.Web.Infrastructure.Hosting;

/// <summary>What every feature stands on: settings and data paths, the data layer and the engine, the web host's parts.</summary>
public static class InfrastructureRegistration
{
    /// <summary>
    /// What the verbs share with the app: the checked settings, the data directory's paths, this replica's name, Data on
    /// the configured database (SQLite or PostgreSQL), Engine, the clock, the background jobs' lease.
    /// </summary>
    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services)
    {
        services.AddOptions<VisualRecSysOptions>().BindConfiguration(VisualRecSysOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VisualRecSysOptions>, DataPathsValidator>();
        services.AddSingleton<IValidateOptions<VisualRecSysOptions>, DatabaseOptionsValidator>();
        services.AddSingleton(sp => DataPaths.Resolve(
            sp.GetRequiredService<IOptions<VisualRecSysOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton(sp => AppInstance.From(sp.GetRequiredService<IOptions<VisualRecSysOptions>>().Value));
        services.AddVisualRecSysData(sp => DatabaseOptionsValidator.Target(
            sp.GetRequiredService<IOptions<VisualRecSysOptions>>().Value,
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<DataPaths>()));
        services.AddVisualRecSysEngine();
        services.TryAddSingleton(TimeProvider.System);
        // Both background workers (admin jobs, evaluations) run one job at a time across replicas under a lease.
        services.AddOptions<JobLeaseOptions>().BindConfiguration(JobLeaseOptions.SectionName)
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(1) && o.Lease <= TimeSpan.FromMinutes(10),
                $"{JobLeaseOptions.SectionName}:Lease must be between 00:00:01 and 00:10:00.")
            .ValidateOnStart();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<MemoryRelief>();
        return services;
    }

    /// <summary>
    /// The web app's shared parts: package assets, problem details, enums as names in JSON, Blazor and MudBlazor, rate
    /// limits, and the admin console's one-job-at-a-time worker.
    /// </summary>
    public static WebApplicationBuilder AddInfrastructure(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Serve package assets (MudBlazor, the Blazor script) from the build output in every environment,
        // not only Development; it does nothing for published output, which carries them itself.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddProblemDetails();
        // Enums (e.g. the catalog phase) read better as names than numbers in the API.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddForwardedClients();
        services.AddVisualRecSysRateLimits();
        // Open unless a feature registered one closed from the start (the catalog, which opens it once prepared).
        services.TryAddSingleton(new AdminJobGate());
        services.AddSingleton<AdminJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminJobs>());
        return builder;
    }

    /// <summary>The front of the pipeline: the client behind a trusted proxy, errors, security headers, rate limits, status pages.</summary>
    public static WebApplication UseInfrastructure(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedClients();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            // Inside the page handler, so it sees the API's exceptions first: its clients read JSON, not the error page.
            app.UseWhen(IsApiRequest, api => api.UseExceptionHandler());
        }
        app.UseVisualRecSysSecurityHeaders();
        app.UseVisualRecSysRateLimits();
        // An empty error status (an unknown API route, a NotFound without body) becomes a problem document for the API's
        // clients and the not-found page for people.
        app.UseWhen(IsApiRequest, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApiRequest(context),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        return app;
    }

    private static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>The catalog's images under <c>/assets</c>, the app's own static assets, the OpenAPI document and its UI.</summary>
    public static WebApplication MapStaticContent(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var paths = app.Services.GetRequiredService<DataPaths>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(paths.AssetsDirectory),
            RequestPath = "/assets",
        });
        app.MapStaticAssets();

        app.MapOpenApi();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "VisualRecSys API v1");
            options.RoutePrefix = "api/docs";
        });
        return app;
    }
}
