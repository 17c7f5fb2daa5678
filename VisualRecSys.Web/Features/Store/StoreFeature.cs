using Microsoft.Extensions.DependencyInjection.Extensions;
using VisualRecSys.Web.Infrastructure.Concurrency;

namespace VisualRecSys.Web.Features.Store;

/// <summary>The demo store: browsing by category, a product's page with its visually similar products, product images.</summary>
public static class StoreFeature
{
    /// <summary>What the verbs share with the app: similar products of a catalog product.</summary>
    public static IServiceCollection AddStoreServices(this IServiceCollection services)
    {
        services.TryAddSingleton<SearchGate>();
        services.AddSingleton<SimilarProducts>();
        return services;
    }

    /// <summary><c>/api/products*</c> and the product images.</summary>
    public static WebApplication MapStore(this WebApplication app)
    {
        app.MapProductApi();
        app.MapImageEndpoints();
        return app;
    }
}
