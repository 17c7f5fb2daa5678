using VisualRecSys.Web.Components;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Duplicates;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Search;
using VisualRecSys.Web.Features.Status;
using VisualRecSys.Web.Features.Store;
using VisualRecSys.Web.Features.Why;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web;

/// <summary>
/// How the app is composed from Infrastructure and its features (Features/&lt;Feature&gt;, each with its
/// <c>Add&lt;Feature&gt;</c> and <c>Map&lt;Feature&gt;</c>); <c>Program.cs</c> calls the web pair, the verbs the core.
/// </summary>
public static class VisualRecSysApp
{
    /// <summary>
    /// The services the verbs share with the web app: every feature's <c>Add…Services</c>. No background worker is
    /// registered here: a verb's host is built, never started.
    /// </summary>
    public static IServiceCollection AddVisualRecSysCore(this IServiceCollection services)
    {
        services.AddInfrastructureServices();
        services.AddAccountServices();
        services.AddCatalogServices();
        services.AddIndexBuildServices();
        services.AddHeadServices();
        services.AddStoreServices();
        services.AddSearchServices();
        services.AddFeedbackServices();
        services.AddQualityServices();
        services.AddWhyServices();
        return services;
    }

    /// <summary>Everything the web app needs: the core, then each feature's web part (its workers, jobs, policies, pages).</summary>
    public static WebApplicationBuilder AddVisualRecSysWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddVisualRecSysCore();
        builder.AddInfrastructure();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<OpenApiMultipartDescription>());
        builder.AddAccounts();
        builder.AddCatalog();
        builder.AddIndexBuilds();
        builder.AddHeads();
        builder.AddDuplicates();
        builder.AddFeedback();
        builder.AddQuality();
        builder.AddStatus();
        return builder;
    }

    /// <summary>The request pipeline, then each feature's endpoints and the Blazor pages.</summary>
    public static WebApplication UseVisualRecSysWeb(this WebApplication app)
    {
        app.UseInfrastructure();
        // Before antiforgery, as ASP.NET Core requires: sign-in, roles, the quality and admin consoles' policies.
        app.MapAccounts();
        app.UseAntiforgery();
        app.MapFeedback();
        app.MapStatus();
        app.MapStaticContent();
        app.MapStore();
        app.MapSearch();
        app.MapWhy();
        app.MapQuality();
        app.MapCatalog();
        app.MapIndexBuilds();
        app.MapHeads();
        app.MapDuplicates();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
