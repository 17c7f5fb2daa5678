using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Heads;

/// <summary>Trained heads over a backbone: training them, the model that serves (a head or the backbone), head jobs.</summary>
public static class HeadsFeature
{
    /// <summary>What the verbs share with the app: the heads on disk, the served model, training.</summary>
    public static IServiceCollection AddHeadServices(this IServiceCollection services)
    {
        services.AddSingleton(sp => new HeadLibrary(sp.GetRequiredService<DataPaths>().Heads));
        // The engine's holder of the served model: index builds switch it on activation, this feature chooses at start.
        services.AddSingleton(sp => new VectorsOnlyModels(sp.GetRequiredService<DataPaths>().Embeddings, sp.GetRequiredService<EmbeddingModelRegistry>()));
        services.AddSingleton<ServedModel>();
        services.AddSingleton<ServedModelChoice>();
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
