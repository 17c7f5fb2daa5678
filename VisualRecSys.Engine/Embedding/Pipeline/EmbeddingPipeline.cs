using System.Diagnostics;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Embedding.Pipeline;

/// <summary>
/// Embeds a sequence of images into a model's embedding store, decoding and resizing on worker threads while the model
/// runs: decode workers fill a bounded queue of preprocessed inputs, and the inference loop takes whatever is ready, up to
/// the maximum batch (waiting only when nothing is), runs the model once, and appends the vectors to the store.
/// </summary>
/// <remarks>
/// Images whose id the store already holds are skipped, so a cancelled or crashed run resumes with the rest. An image
/// that cannot be read or decoded is reported (<see cref="EmbeddingPipelineOptions.Failed"/>, the result) and skipped;
/// it does not stop the run. Appended vectors are made durable every <see cref="EmbeddingPipelineOptions.CommitInterval"/>
/// and when the run ends, however it ends.
/// </remarks>
public sealed class EmbeddingPipeline
{
    private readonly OnnxImageEmbedder _embedder;
    private readonly EmbeddingPipelineOptions _options;

    /// <summary>A pipeline feeding <paramref name="embedder"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public EmbeddingPipeline(OnnxImageEmbedder embedder, EmbeddingPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _options = options ?? new EmbeddingPipelineOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxBatchSize, EmbeddingOptionsValidator.MaxBatchSizeLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.DecodeWorkers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.QueuedBatches);
    }

    /// <summary>Most images per model run.</summary>
    public int MaxBatchSize => _options.MaxBatchSize > 0 ? _options.MaxBatchSize : _embedder.MaxBatchSize;

    /// <summary>Decode-and-resize workers.</summary>
    public int DecodeWorkers => _options.DecodeWorkers > 0 ? _options.DecodeWorkers : DefaultDecodeWorkers(_embedder.Provider);

    /// <summary>
    /// Decode workers when not configured: on the CPU provider one is plenty (preprocessing a catalog image costs well
    /// under a percent of an inference) and more would only take cores from the model; a GPU needs them all fed.
    /// </summary>
    public static int DefaultDecodeWorkers(ExecutionProviderInfo provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.Name == ExecutionProviderInfo.CpuName ? 1 : Math.Max(1, Environment.ProcessorCount - 1);
    }

    /// <summary>Embeds <paramref name="images"/> (those not already stored) and appends their vectors to <paramref name="store"/>.</summary>
    /// <param name="images">The images; ids the store holds are skipped (see <see cref="EmbeddingPipelineOptions.SkipStored"/>).</param>
    /// <param name="store">The store of the embedder's model, open for appending.</param>
    /// <param name="progress">Receives progress after every model run, on the inference thread.</param>
    /// <param name="ct">Stops the run after the model run in progress; what was appended is committed.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="ModelMismatchException">The store holds another model's vectors.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<EmbeddingRunResult> RunAsync(IReadOnlyList<ImageSource> images, EmbeddingStoreWriter store,
        IProgress<EmbeddingProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(store);
        ModelMismatchException.ThrowIfDifferent(store.ModelId, _options.StoreModelId ?? ImageViews.StoreId(_embedder.ModelId, _options.View), $"embedding store '{store.Path}'");
        if (store.Dimension != _embedder.Dimension)
        {
            throw new ArgumentException($"'{store.Path}' holds {store.Dimension}-dimensional vectors; the model makes {_embedder.Dimension}.", nameof(store));
        }

        var clock = Stopwatch.StartNew();
        var todo = _options.SkipStored ? images.Where(image => !store.Contains(image.Id)).ToArray() : [.. images];
        var skipped = images.Count - todo.Length;
        if (todo.Length == 0)
        {
            progress?.Report(new EmbeddingProgress(0, 0, 0, 0, TimeSpan.Zero));
            return new EmbeddingRunResult(0, skipped, [], 0, clock.Elapsed);
        }

        using var run = new PipelineRun(_embedder, store, todo, MaxBatchSize, DecodeWorkers, _options, progress, clock);
        await run.RunAsync(ct).ConfigureAwait(false);
        return new EmbeddingRunResult(run.Embedded, skipped, run.Failures, run.Batches, clock.Elapsed);
    }
}
