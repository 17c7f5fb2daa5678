namespace VisualRecSys.Engine.Embedding.Pipeline;

/// <summary>How an <see cref="EmbeddingPipeline"/> runs; the defaults come from the embedder and <see cref="EmbeddingOptions"/>.</summary>
public sealed class EmbeddingPipelineOptions
{
    /// <summary>Most images per model run; 0 uses the embedder's <see cref="OnnxImageEmbedder.MaxBatchSize"/>.</summary>
    public int MaxBatchSize { get; set; }

    /// <summary>Which view of each image to embed; the store must be that view's (<see cref="ImageViews.StoreId"/>).</summary>
    public ImageView View { get; set; } = ImageView.Original;

    /// <summary>
    /// The model id the store must have when the images are not the products' own (edited copies,
    /// <see cref="ImageViews.EditedStoreId"/>); null: the id of <see cref="View"/>'s store.
    /// </summary>
    public string? StoreModelId { get; set; }

    /// <summary>Decode-and-resize workers; 0 picks one on the CPU provider and all cores but one on CUDA.</summary>
    public int DecodeWorkers { get; set; }

    /// <summary>
    /// Batches workers may preprocess ahead of the model (the memory bound: the ring holds this many batches plus the one
    /// the model runs, each image 600 KB at 224 × 224).
    /// </summary>
    public int QueuedBatches { get; set; } = 2;

    /// <summary>
    /// When the model found no input ready, it keeps taking inputs as they arrive until the batch is full or none has come
    /// for this long (a batch of one costs nearly as much as a full one). It never waits while inputs are queued.
    /// </summary>
    public TimeSpan FillWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often appended vectors are made durable (fsync); they always are at the end, on cancellation and on failure.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Skip images whose id the store already holds (resuming an interrupted run). On by default.</summary>
    public bool SkipStored { get; set; } = true;

    /// <summary>Called on a decode worker for each image that cannot be embedded, as it happens.</summary>
    public Action<ImageFailure>? Failed { get; set; }
}
