using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Quality.Jobs;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>
/// The quality console: evaluations of a model and build on two ground truths (category and instance), stored runs and
/// their comparison, edited query images, and the background evaluation worker.
/// </summary>
public static class QualityFeature
{
    /// <summary>What the verbs share with the app: the evaluation itself and the instance measurement.</summary>
    public static IServiceCollection AddQualityServices(this IServiceCollection services)
    {
        services.AddSingleton<InstanceMeasurement>();
        services.AddSingleton<EvaluationService>();
        return services;
    }

    /// <summary>
    /// The web app's part: stored runs, the launcher's choices, edited query images and the evaluation worker. Register
    /// after the data layer: the worker's start waits for the database's migration.
    /// </summary>
    public static IHostApplicationBuilder AddQuality(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<EvaluationRunStore>();
        services.AddSingleton<EvaluationChoices>();
        services.AddSingleton<EditedImages>();
        services.AddSingleton<EvaluationJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<EvaluationJobs>());
        return builder;
    }

    /// <summary><c>/api/quality/*</c>.</summary>
    public static WebApplication MapQuality(this WebApplication app)
    {
        app.MapQualityApi();
        return app;
    }
}
