using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Features.Heads;

/// <summary>Trained heads over a backbone: training them, the model that serves (a head or the backbone), head jobs.</summary>
public static class HeadsFeature
{
    /// <summary>What the verbs share with the app: the heads on disk, the served model, training.</summary>
    public static IServiceCollection AddHeadServices(this IServiceCollection services)
    {
        services.AddSingleton<HeadModels>();
        services.AddSingleton<ServedModel>();
        // Index builds switch the served model through their own interface (they never reference this feature).
        services.AddSingleton<IServedModel>(sp => sp.GetRequiredService<ServedModel>());
        services.AddSingleton<HeadTrainingService>();
        return services;
    }

    /// <summary>The web app's part: head training as an admin job.</summary>
    public static IHostApplicationBuilder AddHeads(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AdminHeads>();
        return builder;
    }

    /// <summary><c>POST /api/admin/heads</c>.</summary>
    public static WebApplication MapHeads(this WebApplication app)
    {
        app.MapHeadApi();
        return app;
    }
}
