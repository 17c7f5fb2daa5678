using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Puts the right index in service for the current embeddings: the active build when it fits them (products
/// embedded since go to its delta buffer), the previous good build when the active one's file is damaged, otherwise a
/// fresh build that becomes the active one.
/// </summary>
public sealed partial class SearchIndexLoader(ActiveBuildOpener opener, IndexBuilder builder, StoredVectors vectors, ActiveIndex activeIndex,
    ILogger<SearchIndexLoader> logger)
{
    /// <summary>Beyond this many products missing from the active build, rebuilding beats a large delta buffer.</summary>
    private const int MaxDeltaItems = 500;

    /// <summary>The build serving now, or null.</summary>
    public int? CurrentBuildId => activeIndex.Info?.BuildId;

    /// <summary>Serves an index over <paramref name="matrix"/> and returns what serves.</summary>
    /// <param name="matrix">The served model's product embeddings.</param>
    /// <param name="treesBuilt">Receives the number of trees finished when an index is built.</param>
    /// <param name="ct">Cancels a build.</param>
    /// <param name="rebuilding">Told why (e.g. "build 7 holds 64-d vectors of model X; the served model Y makes 512-d: model mismatch"), when the active build cannot serve and a new one is built (for status pages).</param>
    public async Task<ActiveIndexInfo> ServeAsync(EmbeddingMatrix matrix, IProgress<int>? treesBuilt, CancellationToken ct, Action<string>? rebuilding = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var opened = await opener.OpenActiveOrPreviousAsync(matrix.ModelId, ct);
        if (opened is { } active)
        {
            if (active.Index.Dimension != matrix.Dimension)
            {
                // Not stale: these vectors were never the served model's (e.g. an Annoy import given another --dim).
                var reason = string.Create(CultureInfo.InvariantCulture,
                    $"build {active.Build.Id} holds {active.Index.Dimension}-d vectors of model {active.Index.ModelId}; the served model {matrix.ModelId} makes {matrix.Dimension}-d: model mismatch");
                LogModelMismatch(logger, active.Build.Id, active.Index.Dimension, active.Index.ModelId, matrix.ModelId, matrix.Dimension);
                rebuilding?.Invoke(reason);
                active.Index.Dispose();
            }
            else
            {
                var missing = MissingFrom(active.Index, matrix);
                var deleted = active.Index.Count + missing.Count - matrix.Count;
                if (missing.Count <= MaxDeltaItems && deleted == 0)
                {
                    return Serve(active.Build, active.Index, matrix, missing);
                }

                LogStale(logger, active.Build.Id, missing.Count, deleted);
                rebuilding?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"build {active.Build.Id} is stale ({missing.Count} products missing, {deleted} deleted)"));
                active.Index.Dispose();
            }
        }

        var (build, index) = await builder.BuildAsync(
            new IndexBuildRequest(matrix.ModelId, DistanceMetric.Angular, IndexBuildRequest.DefaultTrees, Activate: true), treesBuilt, ct);
        return Serve(build, index, matrix, []);
    }

    /// <summary>
    /// Serves the active build of <paramref name="modelId"/>, a model without an image pipeline, from its stored vectors:
    /// rows stored since the build go to the delta buffer, read from the mapped store (its vectors are never all loaded:
    /// 2M × 512 floats are 4 GB). Without a usable build, one is built from the store.
    /// </summary>
    /// <exception cref="InvalidOperationException">There are no stored vectors of the model.</exception>
    public async Task<ActiveIndexInfo> ServeStoredAsync(string modelId, IProgress<int>? treesBuilt, CancellationToken ct)
    {
        var opened = await opener.OpenActiveOrPreviousAsync(modelId, ct);
        var (build, forest) = opened ?? await builder.BuildAsync(
            new IndexBuildRequest(modelId, DistanceMetric.Angular, IndexBuildRequest.DefaultTrees, Activate: true), treesBuilt, ct);
        var live = new DeltaIndex(forest);
        // Such a store is only appended to (make-catalog, vector imports), so one not written since the build holds
        // nothing the forest lacks: skip opening it, which checks every block (2 GB at 2M × 256, seconds at a start).
        if (vectors.LastWrittenUtc(modelId) > forest.CreatedAt.UtcDateTime)
        {
            using var store = vectors.Open(modelId);
            var ids = store.Ids;
            for (var row = 0; row < ids.Length; row++)
            {
                if (!forest.Contains(ids[row]))
                {
                    live.Add(ids[row], store.Vector(row));
                }
            }
        }

        var info = new ActiveIndexInfo(build.Id, "forest", forest.Count, live.DeltaCount, forest.TreeCount, forest.CreatedAt, forest.ModelId);
        activeIndex.Replace(live, info, forest);
        return info;
    }

    /// <summary>
    /// Serves an opened <paramref name="forest"/> of <paramref name="build"/>, with the products of <paramref name="matrix"/>
    /// it lacks in its delta buffer (however many: an admin chose this build).
    /// </summary>
    public ActiveIndexInfo ServeOpened(IndexBuild build, ForestIndex forest, EmbeddingMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(forest);
        ArgumentNullException.ThrowIfNull(matrix);
        return Serve(build, forest, matrix, MissingFrom(forest, matrix));
    }

    private ActiveIndexInfo Serve(IndexBuild build, ForestIndex forest, EmbeddingMatrix matrix, List<int> missingRows)
    {
        // Never serve (or add to) an index of another model than the embeddings: distances across models mean nothing.
        ModelMismatchException.ThrowIfDifferent(forest.ModelId, matrix.ModelId, $"index build {build.Id}");
        var live = new DeltaIndex(forest);
        foreach (var row in missingRows)
        {
            live.Add(matrix.Ids[row], matrix.Vector(row));
        }

        var info = new ActiveIndexInfo(build.Id, "forest", forest.Count, live.DeltaCount, forest.TreeCount, forest.CreatedAt, forest.ModelId);
        activeIndex.Replace(live, info, forest);
        return info;
    }

    private static List<int> MissingFrom(ForestIndex index, EmbeddingMatrix matrix)
    {
        var missing = new List<int>();
        var ids = matrix.Ids;
        for (var row = 0; row < matrix.Count; row++)
        {
            if (!index.Contains(ids[row]))
            {
                missing.Add(row);
            }
        }

        return missing;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Active index build {BuildId} holds {BuildDimension}-d vectors of model {BuildModelId}; the served model {ModelId} makes {Dimension}-d: model mismatch, rebuilding")]
    private static partial void LogModelMismatch(ILogger logger, int buildId, int buildDimension, string buildModelId, string modelId, int dimension);

    [LoggerMessage(Level = LogLevel.Information, Message = "Active index build {BuildId} is stale ({Missing} products missing, {Deleted} deleted): rebuilding")]
    private static partial void LogStale(ILogger logger, int buildId, int missing, int deleted);
}
