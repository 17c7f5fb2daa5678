using VisualRecSys.Data;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Opens the active build's file for a model, falling back along the activation history (the last good build of that
/// model that served) when the active one's file is damaged; that one is failed for good, its file quarantined.
/// </summary>
public sealed partial class ActiveBuildOpener(BuildHistory history, BuildFiles files, IndexQuarantine quarantine, ILogger<ActiveBuildOpener> logger)
{
    /// <summary>Opens the active build for <paramref name="modelId"/>, or returns null (with the reason logged) when there is none usable.</summary>
    public async Task<(IndexBuild Build, ForestIndex Index)?> OpenActiveAsync(string modelId, CancellationToken ct)
    {
        var build = await history.FindActiveAsync(ct);
        if (build is null || build.FilePath is null || build.Kind != IndexBuildKind.Forest)
        {
            return null;
        }

        if (build.ModelId != modelId)
        {
            // E.g. the configured model changed, or its file did (its id is a content hash): a new index is built.
            LogOtherModel(logger, build.Id, build.ModelId, modelId);
            return null;
        }

        var (forest, reason, _) = files.TryOpen(build, modelId);
        if (forest is null)
        {
            LogUnusable(logger, build.Id, reason!);
            return null;
        }

        return (build, forest);
    }

    /// <summary>
    /// Opens the active build for <paramref name="modelId"/> as <see cref="OpenActiveAsync"/> does, but when its file is
    /// damaged (truncated, corrupt, unreadable) the build is marked failed (a corrupt file is quarantined) and another
    /// build of the same model whose file is sound becomes the active one and is opened instead: the one that served most
    /// recently before it, else the newest never-activated earlier one (<see cref="BuildHistory.FindFallbacksAsync"/>).
    /// Returns null when no build is usable.
    /// </summary>
    public async Task<(IndexBuild Build, ForestIndex Index)?> OpenActiveOrPreviousAsync(string modelId, CancellationToken ct)
    {
        var active = await history.FindReadyAsync(null, ct);
        if (active is null || active.Kind != IndexBuildKind.Forest || active.ModelId != modelId)
        {
            return await OpenActiveAsync(modelId, ct);
        }

        var (forest, reason, damaged) = files.TryOpen(active, modelId);
        if (forest is not null)
        {
            return (active, forest);
        }

        await RefuseAsync(active, reason!, damaged, ct);
        foreach (var build in await history.FindFallbacksAsync(modelId, active.Id, ct))
        {
            (forest, reason, damaged) = files.TryOpen(build, modelId);
            if (forest is null)
            {
                await RefuseAsync(build, reason!, damaged, ct);
                continue;
            }

            await history.MarkActiveAsync(build.Id, ct);
            build.IsActive = true;
            LogFellBack(logger, active.Id, build.Id);
            return (build, forest);
        }

        return null;
    }

    /// <summary>Fails a build whose file cannot serve for good; a file that failed its checks goes to the quarantine.</summary>
    private async Task RefuseAsync(IndexBuild build, string reason, bool damaged, CancellationToken ct)
    {
        LogUnusable(logger, build.Id, reason);
        if (damaged)
        {
            await quarantine.MoveAsync(build, reason, ct);
        }
        else
        {
            await history.MarkDamagedAsync(build.Id, reason, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The active index build {BuildId} holds vectors of model {BuildModelId}; the app embeds with {ModelId}, so it is not served and a new index is built")]
    private static partial void LogOtherModel(ILogger logger, int buildId, string buildModelId, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index build {BuildId} cannot be served: {Reason}")]
    private static partial void LogUnusable(ILogger logger, int buildId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index build {DamagedId} is damaged; serving the previous good build {BuildId}")]
    private static partial void LogFellBack(ILogger logger, int damagedId, int buildId);
}
