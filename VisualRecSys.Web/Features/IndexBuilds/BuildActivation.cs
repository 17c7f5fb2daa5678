using System.Diagnostics.CodeAnalysis;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Recommend;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Switches serving to another ready build at run time (activation, rollback). Everything that can fail is checked
/// before anything changes: the build is ready and its file sound, its model can be served, and the products have
/// vectors of that model (the delta buffer and product queries need them). Then the row is flagged active in the database
/// (<see cref="BuildHistory.MarkActiveAsync"/>), the served model set, the index replaced in one reference write
/// (queries in flight finish on the old one, see <see cref="ActiveIndex"/>). Other processes on the same database follow
/// the flag (<see cref="FollowAsync"/>, polled by <see cref="ActiveBuildFollower"/>). Activations run one at a time.
/// Nothing else is told: what depends on the serving build reads <see cref="ActiveIndex"/> when it needs it.
/// </summary>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim holds no unmanaged resource unless its AvailableWaitHandle is used, which it never is here.")]
public sealed partial class BuildActivation(
    BuildHistory history,
    BuildFiles files,
    StoredVectors vectors,
    SearchIndexLoader loader,
    IndexQuarantine quarantine,
    ServedModel servedModel,
    ILogger<BuildActivation> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Makes build <paramref name="buildId"/> the one served.</summary>
    /// <returns>What serves now.</returns>
    /// <exception cref="KeyNotFoundException">There is no such build.</exception>
    /// <exception cref="InvalidOperationException">
    /// It cannot be served; the message says why. Nothing changed, except that a damaged file went to the quarantine.
    /// </exception>
    public async Task<ActiveIndexInfo> ActivateAsync(int buildId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var build = await history.FindAsync(buildId, ct) ?? throw new KeyNotFoundException($"There is no index build {buildId}.");
            var (embedder, forest, matrix) = await OpenServableAsync(build, quarantineDamaged: true, ct);
            var previous = loader.CurrentBuildId;
            await history.MarkActiveAsync(buildId, ct);
            var info = Serve(build, embedder, forest, matrix);
            LogActivated(logger, buildId, previous, build.ModelId);
            return info;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Serves the build the database flags active when this process serves another: activated by another replica, or
    /// by a verb (<c>build-index --activate</c>) on the same data directory. Nothing is written: the flag is already set.
    /// </summary>
    /// <returns>What serves now when it switched; null when it already served the active build.</returns>
    /// <exception cref="InvalidOperationException">The active build cannot be served here; the message says why.</exception>
    public async Task<ActiveIndexInfo?> FollowAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // Read under the gate: an activation of this process flags the row before it serves the build.
            var active = await history.FindActiveAsync(ct);
            var previous = loader.CurrentBuildId;
            if (active is null || active.Id == previous)
            {
                return null;
            }

            // The replica that activated it checked the shared file (and quarantines a damaged one); a follower only refuses.
            var (embedder, forest, matrix) = await OpenServableAsync(active, quarantineDamaged: false, ct);
            var info = Serve(active, embedder, forest, matrix);
            LogFollowed(logger, active.Id, previous, active.ModelId);
            return info;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks <paramref name="build"/> can serve here and opens what it needs; throws saying why not.</summary>
    private async Task<(IImageEmbedder Embedder, ForestIndex Forest, EmbeddingMatrix Matrix)> OpenServableAsync(
        IndexBuild build, bool quarantineDamaged, CancellationToken ct)
    {
        var buildId = build.Id;
        if (build.Status != IndexBuildStatus.Ready)
        {
            throw new InvalidOperationException($"Index build {buildId} is {build.Status.ToLowerName()}; only a ready build can be activated.");
        }

        if (build.FilePath is null)
        {
            throw new InvalidOperationException($"Index build {buildId}'s file was deleted; build the index again.");
        }

        IImageEmbedder embedder;
        try
        {
            embedder = servedModel.EmbedderFor(build.ModelId);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            throw new InvalidOperationException($"Index build {buildId} holds vectors of model '{build.ModelId}', which cannot be served: {e.Message}", e);
        }

        if (!vectors.Has(build.ModelId))
        {
            throw new InvalidOperationException(
                $"There are no product embeddings for model '{build.ModelId}', which index build {buildId} holds: embed the products with it first (the 'embed --model' verb, or a head job).");
        }

        var matrix = vectors.Load(build.ModelId);
        var (opened, reason, damaged) = files.TryOpen(build, build.ModelId);
        if (opened is not { } forest)
        {
            if (!damaged || !quarantineDamaged)
            {
                throw new InvalidOperationException($"Index build {buildId}'s file cannot be served: {reason}");
            }

            // A file that fails its checks never becomes sound again: out of indexes/, into the capped quarantine.
            await quarantine.MoveAsync(build, reason!, ct);
            throw new InvalidOperationException($"Index build {buildId}'s file is damaged ({reason}); it was moved to the quarantine and the build marked failed.");
        }

        if (forest.Dimension != matrix.Dimension)
        {
            forest.Dispose();
            throw new InvalidOperationException($"Index build {buildId}'s file holds vectors of dimension {forest.Dimension}; model '{build.ModelId}' makes {matrix.Dimension}.");
        }

        return (embedder, forest, matrix);
    }

    /// <summary>The model first, then the index: a query embedded with the old model meets the old index at worst.</summary>
    private ActiveIndexInfo Serve(IndexBuild build, IImageEmbedder embedder, ForestIndex forest, EmbeddingMatrix matrix)
    {
        servedModel.Use(embedder);
        return loader.ServeOpened(build, forest, matrix);
    }

    /// <summary>Activates the build that was active before the current one.</summary>
    /// <exception cref="InvalidOperationException">There is none (ready, with its file), or it cannot be served.</exception>
    public async Task<ActiveIndexInfo> RollBackAsync(CancellationToken ct)
    {
        var previous = await history.FindPreviousAsync(ct)
            ?? throw new InvalidOperationException("There is no earlier active build (ready, with its file) to roll back to.");
        return await ActivateAsync(previous.Id, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index build {BuildId} activated elsewhere is served here now (was {PreviousBuildId}); serving model {ModelId}")]
    private static partial void LogFollowed(ILogger logger, int buildId, int? previousBuildId, string modelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Index build {BuildId} activated (was {PreviousBuildId}); serving model {ModelId}")]
    private static partial void LogActivated(ILogger logger, int buildId, int? previousBuildId, string modelId);
}
