using Microsoft.Extensions.Options;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Index builds: the forest files over a model's embeddings, their history, the one that serves (activation and
/// rollback), rebuild jobs with live progress and their measured recall.
/// </summary>
public static class IndexBuildsFeature
{
    /// <summary>What the verbs share with the app: the builds' records and files, loading one, the index that serves.</summary>
    public static IServiceCollection AddIndexBuildServices(this IServiceCollection services)
    {
        services.AddSingleton<ActiveIndex>();
        services.AddSingleton<StoredVectors>();
        services.AddSingleton<BuildHistory>();
        services.AddSingleton<BuildFiles>();
        services.AddOptions<IndexQuarantineOptions>().BindConfiguration(IndexQuarantineOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IndexQuarantineOptions>, IndexQuarantineOptionsValidator>();
        services.AddSingleton<IndexQuarantine>();
        services.AddSingleton<BuildRecorder>();
        services.AddSingleton<IndexBuilder>();
        services.AddSingleton<ActiveBuildOpener>();
        services.AddSingleton<InterruptedActivations>();
        services.AddSingleton<SearchIndexLoader>();
        return services;
    }

    /// <summary>The web app's part: rebuild jobs and their options, activation and rollback, interrupted builds failed at start.</summary>
    public static IHostApplicationBuilder AddIndexBuilds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AdminConsoleOptions>().BindConfiguration(AdminConsoleOptions.SectionName)
            .Validate(o => o.TreeBuildDelay >= TimeSpan.Zero && o.TreeBuildDelay <= TimeSpan.FromSeconds(10),
                $"{AdminConsoleOptions.SectionName}:TreeBuildDelay must be between 00:00:00 and 00:00:10.")
            .Validate(o => o.RecallQueries is >= 1 and <= 100_000, $"{AdminConsoleOptions.SectionName}:RecallQueries must be between 1 and 100000.")
            .ValidateOnStart();
        services.AddSingleton<BuildActivation>();
        services.AddOptions<ActiveBuildFollowerOptions>().BindConfiguration(ActiveBuildFollowerOptions.SectionName)
            .Validate(o => o.FollowEvery >= TimeSpan.FromMilliseconds(100) && o.FollowEvery <= TimeSpan.FromMinutes(1),
                $"{ActiveBuildFollowerOptions.SectionName}:FollowEvery must be between 00:00:00.1 and 00:01:00.")
            .ValidateOnStart();
        services.AddHostedService<ActiveBuildFollower>();
        services.AddSingleton<AdminBuilds>();
        services.AddSingleton<IInterruptedWorkRecovery, InterruptedBuildRecovery>();
        return builder;
    }

    /// <summary><c>/api/admin/builds*</c>.</summary>
    public static WebApplication MapIndexBuilds(this WebApplication app)
    {
        app.MapIndexBuildApi();
        return app;
    }
}
