using System.Diagnostics.CodeAnalysis;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Recommend;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Switches serving to another ready build at run time (activation, rollback). Everything that can fail is checked
/// before anything changes: the build is ready and its file sound, its model can be served, and the products have
/// vectors of that model (the delta buffer and product queries need them). Then the row is flagged active in SQLite
/// (<see cref="BuildHistory.MarkActiveAsync"/>), the served model set, the index replaced in one reference write
/// (queries in flight finish on the old one, see <see cref="ActiveIndex"/>). Activations run one at a time. Nothing else
/// is told: what depends on the serving build reads <see cref="ActiveIndex"/> when it needs it.
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
                if (!damaged)
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

            var previous = loader.CurrentBuildId;
            await history.MarkActiveAsync(buildId, ct);
            servedModel.Use(embedder);
            var info = loader.ServeOpened(build, forest, matrix);
            LogActivated(logger, buildId, previous, build.ModelId);
            return info;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Activates the build that was active before the current one.</summary>
    /// <exception cref="InvalidOperationException">There is none (ready, with its file), or it cannot be served.</exception>
    public async Task<ActiveIndexInfo> RollBackAsync(CancellationToken ct)
    {
        var previous = await history.FindPreviousAsync(ct)
            ?? throw new InvalidOperationException("There is no earlier active build (ready, with its file) to roll back to.");
        return await ActivateAsync(previous.Id, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index build {BuildId} activated (was {PreviousBuildId}); serving model {ModelId}")]
    private static partial void LogActivated(ILogger logger, int buildId, int? previousBuildId, string modelId);
}
