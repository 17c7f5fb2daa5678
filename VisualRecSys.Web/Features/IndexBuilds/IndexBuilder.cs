using VisualRecSys.Data;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Builds a forest over a model's stored embeddings and records it (<see cref="BuildRecorder"/>). The forest's options
/// suit the model's vectors: the Engine reads a head's file to tell (<see cref="HeadForestOptions"/>).
/// </summary>
public sealed class IndexBuilder(StoredVectors vectors, BuildRecorder recorder, DataPaths paths)
{
    /// <summary>Builds a forest over the stored embeddings of <see cref="IndexBuildRequest.ModelId"/> and records it.</summary>
    /// <param name="request">Model, metric, trees, whether to activate.</param>
    /// <param name="treesBuilt">Receives the number of trees finished.</param>
    /// <param name="ct">Cancels the build (recorded as failed).</param>
    /// <returns>The recorded build and the index, ready to serve.</returns>
    /// <exception cref="InvalidOperationException">There are no stored embeddings for the model.</exception>
    public Task<(IndexBuild Build, ForestIndex Index)> BuildAsync(IndexBuildRequest request, IProgress<int>? treesBuilt, CancellationToken ct) =>
        BuildAsync(request, vectors.Load(request.ModelId), treesBuilt, null, ct);

    /// <summary>Builds a forest over <paramref name="matrix"/> (the stored embeddings of the request's model) and records it.</summary>
    /// <param name="request">Model, metric, trees, default search_k, whether to activate.</param>
    /// <param name="matrix">The vectors to index.</param>
    /// <param name="treesBuilt">Receives the number of trees finished.</param>
    /// <param name="recorded">Receives the new build's id once its row exists, before the trees are built.</param>
    /// <param name="ct">Cancels the build (recorded as failed).</param>
    public Task<(IndexBuild Build, ForestIndex Index)> BuildAsync(IndexBuildRequest request, EmbeddingMatrix matrix, IProgress<int>? treesBuilt,
        Action<int>? recorded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(matrix);
        return recorder.RecordAsync(request, matrix.Count, matrix.Dimension,
            () => ForestIndex.Build(matrix, request.Metric, OptionsFor(request), treesBuilt, ct),
            ct, recorded);
    }

    /// <summary>The forest's options for a build of <paramref name="request"/>'s model (a whitened head's split space is wider).</summary>
    private ForestOptions OptionsFor(IndexBuildRequest request) =>
        HeadForestOptions.For(new ForestOptions { Trees = request.Trees, DefaultSearchK = request.SearchK }, request.ModelId, paths.Heads);
}
