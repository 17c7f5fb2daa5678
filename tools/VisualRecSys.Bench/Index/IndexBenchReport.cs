using System.Text.Json.Serialization;

namespace VisualRecSys.Bench.Index;

/// <summary>The JSON written by <c>index</c>. The first six properties are the agreed format; the rest is context.</summary>
internal sealed record IndexBenchReport
{
    [JsonPropertyName("dataset")]
    public required string Dataset { get; init; }

    [JsonPropertyName("count")]
    public required int Count { get; init; }

    [JsonPropertyName("dim")]
    public required int Dim { get; init; }

    [JsonPropertyName("metric")]
    public required string Metric { get; init; }

    /// <summary>Exact (brute-force) top-10 searches per second, one query at a time on one thread.</summary>
    [JsonPropertyName("exact_qps")]
    public required double ExactQps { get; init; }

    [JsonPropertyName("rows")]
    public required IReadOnlyList<IndexBenchRow> Rows { get; init; }

    [JsonPropertyName("index")]
    public required string Index { get; init; }

    [JsonPropertyName("queries")]
    public required int Queries { get; init; }

    [JsonPropertyName("k")]
    public int K { get; init; } = IndexBenchSettings.K;

    [JsonPropertyName("seed")]
    public required int Seed { get; init; }

    [JsonPropertyName("dataset_s")]
    public required double DatasetSeconds { get; init; }

    [JsonPropertyName("ground_truth_s")]
    public required double GroundTruthSeconds { get; init; }

    [JsonPropertyName("date")]
    public required DateTimeOffset Date { get; init; }

    [JsonPropertyName("machine")]
    public required MachineInfo Machine { get; init; }

    [JsonPropertyName("command")]
    public string? Command { get; init; }
}

/// <summary>One (trees, searchK) point of the grid.</summary>
internal sealed record IndexBenchRow
{
    [JsonPropertyName("trees")]
    public required int Trees { get; init; }

    [JsonPropertyName("search_k")]
    public required int SearchK { get; init; }

    /// <summary>Seconds to build the index for this trees value (repeated on each of its rows).</summary>
    [JsonPropertyName("build_s")]
    public required double BuildSeconds { get; init; }

    /// <summary>Size of the saved index file.</summary>
    [JsonPropertyName("index_bytes")]
    public required long IndexBytes { get; init; }

    /// <summary>Mean fraction of the exact top 10 among the 10 returned.</summary>
    [JsonPropertyName("recall_at_10")]
    public required double RecallAt10 { get; init; }

    /// <summary>Queries per second, one at a time on one thread.</summary>
    [JsonPropertyName("qps")]
    public required double Qps { get; init; }

    [JsonPropertyName("p50_ms")]
    public required double P50Ms { get; init; }

    [JsonPropertyName("p99_ms")]
    public required double P99Ms { get; init; }
}
