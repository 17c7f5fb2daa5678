using System.Text.Json.Serialization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using VisualRecSys.Data;
using VisualRecSys.Data.Importing;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Api;
using VisualRecSys.Web.Catalog;
using VisualRecSys.Web.Components;
using VisualRecSys.Web.Votes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VisualRecSys.Web.Indexing;
using VisualRecSys.Web.Heads;
using VisualRecSys.Web.Quality;
using VisualRecSys.Web.Hosting.RateLimiting;
using VisualRecSys.Web.Accounts;
using VisualRecSys.Web.Admin;

namespace VisualRecSys.Web.Hosting;

/// <summary>How the app composes Engine, Data and its own services; <c>Program.cs</c> calls these two.</summary>
public static class WebHostingExtensions
{
    /// <summary>Services shared by the web app and the command-line verbs.</summary>
    public static IServiceCollection AddVisualRecSysCore(this IServiceCollection services)
    {
        services.AddOptions<VisualRecSysOptions>().BindConfiguration(VisualRecSysOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VisualRecSysOptions>, DataPathsValidator>();
        services.AddSingleton(sp => DataPaths.Resolve(
            sp.GetRequiredService<IOptions<VisualRecSysOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));

        services.AddVisualRecSysData(sp => sp.GetRequiredService<DataPaths>().DatabaseFile);
        services.AddVisualRecSysEngine();
        services.AddUserAccounts();
        // The importers validate images with the limits embedding applies (Data cannot see the engine itself).
        services.AddSingleton(sp => new EngineImageInspector(ImageLimits.From(sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value)));
        services.AddSingleton<IImageInspector>(sp => sp.GetRequiredService<EngineImageInspector>());
        services.AddSingleton<IGreyscalePngEncoder>(sp => sp.GetRequiredService<EngineImageInspector>());

        services.AddSingleton<CatalogStatus>();
        services.AddSingleton<ActiveIndex>();
        services.AddSingleton<ProductCatalog>();
        services.AddSingleton<ProductDirectory>();
        services.AddSingleton<SimilarProducts>();
        services.AddSingleton<ImageSearch>();
        services.AddSingleton<FeedbackStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProductEmbedder>();
        services.AddSingleton<HeadModels>();
        services.AddSingleton<ServedModel>();
        services.AddSingleton<HeadTrainingService>();
        services.AddSingleton<SearchIndexBuilds>();
        services.AddSingleton<SearchIndexLoader>();
        services.AddSingleton<InstanceMeasurement>();
        services.AddSingleton<EvaluationService>();
        return services;
    }

    /// <summary>Everything the web app needs: the core, the catalog's background preparation, the quality console, Blazor and MudBlazor.</summary>
    public static WebApplicationBuilder AddVisualRecSysWeb(this WebApplicationBuilder builder)
    {
        // Serve package assets (MudBlazor, the Blazor script) from the build output in every environment,
        // not only Development; it does nothing for published output, which carries them itself.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddVisualRecSysCore();
        builder.Services.AddHostedService<CatalogBootstrapService>();
        builder.Services.AddQualityConsole();
        builder.Services.AddAccessControl();
        builder.AddAdminConsole();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<OpenApiMultipartDescription>());
        // Enums (e.g. the catalog phase) read better as names than numbers in the API.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddVisualRecSysRateLimits();
        return builder;
    }

    /// <summary>The request pipeline: errors, security headers, rate limits, static assets, the APIs and the Blazor pages.</summary>
    public static WebApplication UseVisualRecSysWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseVisualRecSysSecurityHeaders();
        app.UseVisualRecSysRateLimits();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Before antiforgery, as ASP.NET Core requires: sign-in, roles, the quality and admin consoles' policies.
        app.UseAccessControl();
        app.UseAntiforgery();
        app.UseSessionCookie();
        app.MapAdminConsole();

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
        app.MapProductApi();
        app.MapImageSearchApi();
        app.MapFeedbackApi();
        app.MapQualityApi();
        app.MapHealthEndpoint();
        app.MapImageEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
