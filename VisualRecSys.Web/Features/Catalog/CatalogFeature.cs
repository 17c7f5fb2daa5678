using Microsoft.Extensions.Options;
using VisualRecSys.Data.Importing;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// The catalog: its products and their embeddings, imports (the verbs' and the admin console's), and the preparation
/// at first start (seed import, embedding, first index).
/// </summary>
public static class CatalogFeature
{
    /// <summary>What the verbs share with the app: the catalog's reads, its embedder, the image checks importers apply.</summary>
    public static IServiceCollection AddCatalogServices(this IServiceCollection services)
    {
        // The importers validate images with the limits embedding applies (Data cannot see the engine itself).
        services.AddSingleton(sp => new EngineImageInspector(ImageLimits.From(sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value)));
        services.AddSingleton<IImageInspector>(sp => sp.GetRequiredService<EngineImageInspector>());
        services.AddSingleton<IGreyscalePngEncoder>(sp => sp.GetRequiredService<EngineImageInspector>());
        services.AddSingleton<CatalogStatus>();
        services.AddSingleton<ProductCatalog>();
        services.AddSingleton<ProductDirectory>();
        services.AddSingleton<ProductEmbedder>();
        services.AddSingleton<VectorImporter>();
        return services;
    }

    /// <summary>The web app's part: the preparation at start, import jobs, and no admin job while preparing.</summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<CatalogBootstrapService>();
        builder.Services.AddSingleton<AdminImports>();
        // Closed from the start: the preparation opens it once the catalog serves (or failed).
        builder.Services.AddSingleton(new AdminJobGate(CatalogBootstrapService.PreparingReason));
        return builder;
    }

    /// <summary><c>POST /api/admin/imports</c>.</summary>
    public static WebApplication MapCatalog(this WebApplication app)
    {
        app.MapImportApi();
        return app;
    }
}
