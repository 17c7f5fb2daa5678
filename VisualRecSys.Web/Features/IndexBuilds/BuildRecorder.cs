using System.Diagnostics;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Records an index as a build: its row (running, then ready or failed), its file, and the active flag when asked. A
/// failed or cancelled build is recorded as failed and never replaces the active one.
/// </summary>
public sealed partial class BuildRecorder(BuildHistory history, BuildFiles files, ILogger<BuildRecorder> logger)
{
    /// <summary>Records an index made by <paramref name="make"/> (a build, or an Annoy import) as a build: row, file, active flag.</summary>
    /// <param name="request">Model, metric, trees, whether to activate.</param>
    /// <param name="items">Items the index will hold.</param>
    /// <param name="dimension">Their dimension.</param>
    /// <param name="make">Makes the index; runs on the thread pool.</param>
    /// <param name="ct">Cancels the work (recorded as failed).</param>
    /// <param name="recorded">Receives the new build's id once its row exists.</param>
    /// <returns>The recorded build and the index.</returns>
    public async Task<(IndexBuild Build, ForestIndex Index)> RecordAsync(IndexBuildRequest request, int items, int dimension,
        Func<ForestIndex> make, CancellationToken ct, Action<int>? recorded = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(make);
        var build = new IndexBuild
        {
            Kind = IndexBuildKind.Forest,
            ModelId = request.ModelId,
            Metric = request.Metric.ToString().ToLowerInvariant(),
            ItemCount = items,
            Dimension = dimension,
            Status = IndexBuildStatus.Running,
            StartedAt = DateTimeOffset.UtcNow,
            Trees = request.Trees,
            SearchK = request.SearchK,
        };
        if (request.Activate || request.ActivateAfterChecks)
        {
            build.ActivationRequestedAt = build.StartedAt;
        }

        await history.AddAsync(build, ct);
        recorded?.Invoke(build.Id);

        var clock = Stopwatch.StartNew();
        try
        {
            var relative = BuildFiles.RelativePathFor(build.Id);
            var index = await Task.Run(() =>
            {
                var forest = make();
                forest.Save(files.FullPath(relative));
                return forest;
            }, ct);

            build.Status = IndexBuildStatus.Ready;
            build.ItemCount = index.Count;
            build.Dimension = index.Dimension;
            build.FilePath = relative;
            build.FileBytes = new FileInfo(files.FullPath(relative)).Length;
            build.Trees = index.TreeCount;
            build.FinishedAt = DateTimeOffset.UtcNow;
            await history.UpdateAsync(build);
            if (request.Activate)
            {
                await history.MarkActiveAsync(build.Id, CancellationToken.None);
                build.IsActive = true;
                build.ActivatedAt = DateTimeOffset.UtcNow;
                build.ActivationRequestedAt = null;
            }

            LogBuilt(logger, build.Id, index.Count, index.TreeCount, clock.Elapsed.TotalSeconds);
            return (build, index);
        }
        catch (Exception e)
        {
            build.Status = IndexBuildStatus.Failed;
            var why = e is OperationCanceledException ? "Cancelled." : e.Message;
            build.Error = build.ActivationRequestedAt is null ? why : $"{why} {BuildHistory.NotActivatedMessage} the build did not finish.";
            build.ActivationRequestedAt = null;
            build.FinishedAt = DateTimeOffset.UtcNow;
            await history.UpdateAsync(build);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index build {BuildId}: {Count} items, {Trees} trees in {Seconds:F1} s")]
    private static partial void LogBuilt(ILogger logger, int buildId, int count, int trees, double seconds);
}
