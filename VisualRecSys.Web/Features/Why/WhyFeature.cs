namespace VisualRecSys.Web.Features.Why;

/// <summary>"Why these look alike": occlusion maps of a query and a result, over HTTP and as an overlay in the store and quality console.</summary>
public static class WhyFeature
{
    /// <summary>The maps' service (cache and one computation at a time).</summary>
    public static IServiceCollection AddWhyServices(this IServiceCollection services)
    {
        services.AddSingleton<WhyMaps>();
        return services;
    }

    /// <summary><c>GET /api/products/{id}/similar/{resultId}/why</c>.</summary>
    public static WebApplication MapWhy(this WebApplication app)
    {
        app.MapWhyApi();
        return app;
    }
}
