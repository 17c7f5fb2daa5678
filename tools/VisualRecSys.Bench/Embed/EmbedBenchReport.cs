using System.Text.Json.Serialization;

namespace VisualRecSys.Bench.Embed;

/// <summary>
/// The JSON written by <c>embed</c>. The first six properties are the agreed format; the rest is context.
/// Rates are the best round of each (the rounds alternate raw and pipeline, so both see the same machine).
/// </summary>
internal sealed record EmbedBenchReport
{
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("batch")]
    public required int Batch { get; init; }

    [JsonPropertyName("count")]
    public required int Count { get; init; }

    /// <summary>Images per second of session runs alone on inputs preprocessed beforehand, in batches of <see cref="Batch"/>.</summary>
    [JsonPropertyName("raw_images_per_s")]
    public required double RawImagesPerSecond { get; init; }

    /// <summary>Images per second of the whole pipeline: read, decode, resize, infer, append to a temporary store, commit.</summary>
    [JsonPropertyName("pipeline_images_per_s")]
    public required double PipelineImagesPerSecond { get; init; }

    [JsonPropertyName("ratio")]
    public required double Ratio { get; init; }

    [JsonPropertyName("model_id")]
    public required string ModelId { get; init; }

    [JsonPropertyName("provider_reason")]
    public required string ProviderReason { get; init; }

    [JsonPropertyName("rounds")]
    public required IReadOnlyList<EmbedBenchRound> Rounds { get; init; }

    [JsonPropertyName("intra_op_threads")]
    public required int IntraOpThreads { get; init; }

    [JsonPropertyName("decode_workers")]
    public required int DecodeWorkers { get; init; }

    [JsonPropertyName("images")]
    public required string Images { get; init; }

    [JsonPropertyName("distinct_images")]
    public required int DistinctImages { get; init; }

    [JsonPropertyName("date")]
    public required DateTimeOffset Date { get; init; }

    [JsonPropertyName("machine")]
    public required MachineInfo Machine { get; init; }

    [JsonPropertyName("command")]
    public string? Command { get; init; }
}

/// <summary>One round: the raw session, then the pipeline, on the same images.</summary>
internal sealed record EmbedBenchRound
{
    [JsonPropertyName("raw_images_per_s")]
    public required double RawImagesPerSecond { get; init; }

    [JsonPropertyName("pipeline_images_per_s")]
    public required double PipelineImagesPerSecond { get; init; }

    /// <summary>Mean images per model run in the pipeline (it batches what is ready).</summary>
    [JsonPropertyName("pipeline_mean_batch")]
    public required double PipelineMeanBatch { get; init; }
}
