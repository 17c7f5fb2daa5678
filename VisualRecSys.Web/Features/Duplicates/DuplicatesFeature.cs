namespace VisualRecSys.Web.Features.Duplicates;

/// <summary>
/// Duplicates in the catalog: scans for clusters of near-identical products over the serving index (an admin job), and
/// hiding all but one of a cluster from the store (stored in the database, reversible).
/// </summary>
public static class DuplicatesFeature
{
    /// <summary>The web app's part: the scans (admin jobs, latest report in memory) and the hiding of products.</summary>
    public static IHostApplicationBuilder AddDuplicates(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DuplicateScans>();
        builder.Services.AddSingleton<ProductHiding>();
        return builder;
    }

    /// <summary><c>/api/admin/duplicates*</c> and <c>/api/admin/hidden-products*</c>.</summary>
    public static WebApplication MapDuplicates(this WebApplication app)
    {
        app.MapDuplicateApi();
        return app;
    }
}
