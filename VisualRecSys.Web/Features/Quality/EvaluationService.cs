using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>
/// Evaluates a model's stored vectors on the catalog on two ground truths: by category, queries are the test products
/// (else the query products) and the gallery the train products (else the catalog products); by instance, edited copies
/// of sampled gallery products must find their original (<see cref="InstanceMeasurement"/>). On a catalog with a data
/// set's item ids (DeepFashion In-shop, <see cref="ItemGroundTruth"/>) the query products are searched among the gallery
/// products instead, and a gallery image of the query's item is the instance ground truth. The active index build is
/// measured too when it holds this model's vectors (or a build of the caller's choosing). Used by the <c>evaluate</c> verb
/// and by the quality console's background evaluations.
/// </summary>
public sealed class EvaluationService(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    DataPaths paths,
    BuildHistory history,
    BuildFiles files,
    ActiveBuildOpener opener,
    InstanceMeasurement instance)
{
    /// <summary>Runs an evaluation (the searching on the thread pool).</summary>
    /// <param name="request">Model, k and query limit.</param>
    /// <param name="progress">Receives queries done out of queries to do.</param>
    /// <param name="ct">Cancels the evaluation.</param>
    /// <returns>The report with how its inputs were chosen.</returns>
    /// <exception cref="EvaluationUnavailableException">No vectors for the model, no queries or no gallery; the message says what to do.</exception>
    /// <exception cref="ArgumentOutOfRangeException">K or the query limit is below 1.</exception>
    public async Task<EvaluationOutcome> RunAsync(EvaluationRequest request, IProgress<EvaluationProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var embeddings = LoadEmbeddings(request.ModelId);

        SplitProducts products;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            products = await SplitProducts.LoadAsync(db, ct);
        }

        // With item ids, both ground truths search the same way: the data set's query images among its gallery images.
        var byItem = ItemGroundTruth.AppliesTo(products);
        var (querySplit, queryFallback, gallerySplit, galleryFallback) = byItem
            ? (ProductSplit.Query, ProductSplit.Query, ProductSplit.Gallery, ProductSplit.Gallery)
            : (ProductSplit.Test, ProductSplit.Query, ProductSplit.Train, ProductSplit.Catalog);
        var heldOut = products.Select(querySplit, queryFallback, embeddings);
        var leaveOneOut = request.LeaveOneOutWithoutQueries && heldOut.Products == 0;
        // Queries are checked before the gallery, so the verb's message names what is missing first.
        var queries = leaveOneOut ? null : Require(heldOut, querySplit, "No queries to search with", request.ModelId);
        var gallery = Require(products.Select(gallerySplit, galleryFallback, embeddings), gallerySplit, "No gallery to search in", request.ModelId);
        // Leave-one-out: the evaluator never lets a query find itself, so each product is searched among the others.
        queries ??= gallery;

        var (build, forest, reason) = request.IndexBuildId is int buildId
            ? await OpenBuildAsync(request.ModelId, buildId, ct)
            : await OpenIndexAsync(request.ModelId, ct);
        using (forest)
        {
            var input = new EvaluationInput
            {
                Embeddings = embeddings,
                Queries = queries.WithVector,
                Gallery = gallery.WithVector,
                Categories = products.Categories,
                K = request.K,
                QueryLimit = request.QueryLimit,
                // Evaluate as the app searches: with the metric of the index it serves.
                Metric = forest?.Metric ?? DistanceMetric.Angular,
                Approximate = forest is null ? null : ApproximateIndex.Of(forest, forest.DefaultSearchK(request.K)),
            };
            var total = Math.Min(queries.WithVector.Length, request.QueryLimit ?? int.MaxValue);
            var queriesDone = progress is null ? null : new InlineProgress<int>(done => progress.Report(new EvaluationProgress(done, total)));
            var report = await Task.Run(() => RetrievalEvaluator.Evaluate(input, queriesDone, ct), ct);
            var (instanceFigures, instanceReason, withoutItem) = byItem
                ? await Task.Run(() => ItemGroundTruth.Measure(request, input, products.ItemKeys, ct), ct)
                : await MeasureEditsAsync(request, input, progress, ct);
            return new EvaluationOutcome
            {
                Report = instanceFigures is null ? report : report.WithInstance(instanceFigures),
                InstanceNotMeasuredReason = instanceReason,
                InstanceQueriesWithoutItemInGallery = withoutItem,
                QuerySplit = queries.Split,
                LeaveOneOut = leaveOneOut,
                GallerySplit = gallery.Split,
                QueriesWithoutVector = queries.WithoutVector,
                GalleryWithoutVector = gallery.WithoutVector,
                IndexBuildId = build?.Id,
                AnnNotMeasuredReason = reason,
            };
        }
    }

    /// <summary>The edited copies' instance figures on the category evaluation's gallery; no query is ever left out for want of an item.</summary>
    private async Task<(InstanceEvaluation? Evaluation, string? NotMeasuredReason, int QueriesWithoutItemInGallery)> MeasureEditsAsync(
        EvaluationRequest request, EvaluationInput input, IProgress<EvaluationProgress>? progress, CancellationToken ct)
    {
        var (evaluation, reason) = await Task.Run(
            () => instance.MeasureAsync(request, input.Embeddings, input.Gallery, input.Categories, input.Metric, progress, ct), ct);
        return (evaluation, reason, 0);
    }

    private EmbeddingMatrix LoadEmbeddings(string modelId)
    {
        try
        {
            return EmbeddingStore.TryLoad(paths.Embeddings, modelId)
                ?? throw new EvaluationUnavailableException($"There are no stored embeddings for model '{modelId}' in {paths.Embeddings}; run embed --model {modelId} first.");
        }
        catch (ArgumentException e)
        {
            // A model id that cannot be a store's file name has no store either.
            throw new EvaluationUnavailableException($"There are no stored embeddings for model '{modelId}': that cannot be a model id (use letters, digits, '.', '-' and '_').", e);
        }
        catch (InvalidDataException e)
        {
            throw new EvaluationUnavailableException($"The stored embeddings of model '{modelId}' cannot be read: {e.Message}", e);
        }
    }

    /// <param name="missing">What is missing, to start the message: "No queries to search with".</param>
    private static SplitProducts.Selection Require(SplitProducts.Selection selection, string preferred, string missing, string modelId)
    {
        if (selection.Products == 0)
        {
            throw new EvaluationUnavailableException($"{missing}: no product has split '{preferred}' or '{selection.Split}'.");
        }

        if (selection.WithVector.Length == 0)
        {
            throw new EvaluationUnavailableException(
                $"{missing}: none of the {selection.Products:N0} products of split '{selection.Split}' has a vector of model '{modelId}'; run embed --model {modelId} first.");
        }

        return selection;
    }

    /// <summary>Build <paramref name="buildId"/>'s forest when it is a ready forest of <paramref name="modelId"/>'s vectors; else why not.</summary>
    private async Task<(IndexBuild? Build, ForestIndex? Forest, string? Reason)> OpenBuildAsync(string modelId, int buildId, CancellationToken ct)
    {
        var build = await history.FindReadyAsync(buildId, ct);
        if (build is null || build.Kind != IndexBuildKind.Forest)
        {
            return (null, null, $"index build {buildId} is not a ready forest");
        }

        if (build.ModelId != modelId)
        {
            return (null, null, $"index build {buildId} holds vectors of model '{build.ModelId}'");
        }

        ForestIndex forest;
        try
        {
            forest = ForestIndex.Open(files.FileOf(build));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (null, null, $"index build {buildId} cannot be opened: {e.Message}");
        }

        if (forest.ModelId is var fileModel && fileModel != modelId)
        {
            // The file records its model: one that disagrees with its row is not measured as this model's index.
            forest.Dispose();
            return (null, null, $"the file of index build {buildId} holds vectors of model '{fileModel}'");
        }

        return (build, forest, null);
    }

    /// <summary>The active build's forest when it holds <paramref name="modelId"/>'s vectors; else why not.</summary>
    private async Task<(IndexBuild? Build, ForestIndex? Forest, string? Reason)> OpenIndexAsync(string modelId, CancellationToken ct)
    {
        // Checked before opening: OpenActiveAsync would log a build of another model as a problem to rebuild.
        var active = await history.FindReadyAsync(null, ct);
        if (active is null)
        {
            return (null, null, "there is no active index build");
        }

        if (active.ModelId != modelId)
        {
            return (null, null, $"the active index build {active.Id} holds vectors of model '{active.ModelId}'");
        }

        return await opener.OpenActiveAsync(modelId, ct) is { } opened
            ? (opened.Build, opened.Index, null)
            : (null, null, $"the active index build {active.Id} cannot be opened (see the log)");
    }
}
