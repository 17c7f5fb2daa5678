using VisualRecSys.Data;
using VisualRecSys.Engine.Recommend;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Finishes, at start, the activations a stopped or killed process asked for and never did (an admin build "then activate"
/// cut short while measuring its recall, say): the ready build becomes the active one when its file opens sound and its
/// model can be served; otherwise the request is dropped and the build's row says it was not done and why (the builds
/// page shows it). Runs in the catalog's preparation before the served model is chosen, so what serves follows.
/// </summary>
public sealed partial class InterruptedActivations(
    BuildHistory history,
    BuildFiles files,
    IndexQuarantine quarantine,
    ServedModel servedModel,
    ILogger<InterruptedActivations> logger)
{
    /// <summary>Finishes or drops the activations asked for with builds started before <paramref name="startedBefore"/>.</summary>
    /// <returns>The build activated, or null when none was.</returns>
    public async Task<int?> FinishAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        int? activated = null;
        foreach (var build in await history.FindInterruptedActivationsAsync(startedBefore, ct))
        {
            string? why;
            try
            {
                why = await ProblemWithAsync(build, ct);
                if (why is null)
                {
                    // Oldest request first: the newest one asked for is the one left active.
                    await history.MarkActiveAsync(build.Id, ct);
                    activated = build.Id;
                    LogFinished(logger, build.Id);
                    continue;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Whatever went wrong, the catalog's preparation goes on with the build that was active.
                why = e.Message;
            }

            await history.DropActivationRequestAsync(build.Id, why, ct);
            LogNotDone(logger, build.Id, why);
        }

        return activated;
    }

    /// <summary>Why <paramref name="build"/> cannot be activated, or null when it can.</summary>
    private async Task<string?> ProblemWithAsync(IndexBuild build, CancellationToken ct)
    {
        if (build.Kind != IndexBuildKind.Forest || build.FilePath is null)
        {
            return "its file was deleted.";
        }

        try
        {
            servedModel.EmbedderFor(build.ModelId);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            return $"its model '{build.ModelId}' cannot be served: {e.Message}";
        }

        var (forest, reason, damaged) = files.TryOpen(build, build.ModelId);
        if (forest is not null)
        {
            forest.Dispose();
            return null;
        }

        if (damaged)
        {
            await quarantine.MoveAsync(build, reason!, ct);
        }

        return $"its file cannot be served: {reason}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index build {BuildId} was activated now: the activation asked for with it was cut short when the app stopped")]
    private static partial void LogFinished(ILogger logger, int buildId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index build {BuildId} was not activated as asked before the app stopped: {Reason}")]
    private static partial void LogNotDone(ILogger logger, int buildId, string reason);
}
