namespace VisualRecSys.Bench.Embed;

/// <summary>What <c>embed</c> measures.</summary>
internal sealed record EmbedBenchSettings
{
    public const int DefaultCount = 256;
    public const int DefaultBatch = 16;
    public const int DefaultRounds = 3;

    /// <summary>Images per measurement (the available ones cycled through).</summary>
    public int Count { get; init; } = DefaultCount;

    /// <summary>Images per model run.</summary>
    public int Batch { get; init; } = DefaultBatch;

    /// <summary>Alternating raw/pipeline measurements; the best of each is reported.</summary>
    public int Rounds { get; init; } = DefaultRounds;

    /// <summary>Model name or id; null for the configured one.</summary>
    public string? Model { get; init; }

    public required string JsonPath { get; init; }

    public string? Command { get; init; }
}
