using VisualRecSys.Web.Quality.Feedback;
using VisualRecSys.Web.Quality.Jobs;
using VisualRecSys.Web.Quality.Runs;

namespace VisualRecSys.Web.Quality;

/// <summary>Registers the quality console: stored evaluation runs, the background evaluation worker, feedback reports, edited query images.</summary>
public static class QualityServiceCollectionExtensions
{
    /// <summary>
    /// Adds the console's services (the <see cref="EvaluationService"/> itself comes with the core services, for the
    /// verbs too) and its <see cref="QualityAccess.Policy"/>. Register after the data layer: the worker's start waits for
    /// the database's migration.
    /// </summary>
    public static IServiceCollection AddQualityConsole(this IServiceCollection services)
    {
        services.AddSingleton<EvaluationRunStore>();
        services.AddSingleton<EvaluationChoices>();
        services.AddSingleton<FeedbackReport>();
        services.AddSingleton<EditedImages>();
        services.AddSingleton<EvaluationJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<EvaluationJobs>());
        services.AddAuthorizationBuilder().AddPolicy(QualityAccess.Policy, QualityAccess.Configure);
        return services;
    }
}
