using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Bench.Index;

/// <summary>What <c>index</c> runs, as parsed from its options.</summary>
internal sealed record IndexBenchSettings
{
    /// <summary>Neighbours per query whose recall is measured.</summary>
    public const int K = 10;

    public required string Dataset { get; init; }

    public required string JsonPath { get; init; }

    public DistanceMetric Metric { get; init; } = DistanceMetric.Angular;

    /// <summary>"forest" (default) or "exact" (the brute-force baseline alone).</summary>
    public string Index { get; init; } = "forest";

    public static IReadOnlyList<int> DefaultTrees { get; } = [10, 50, 100];

    public IReadOnlyList<int> Trees { get; init; } = DefaultTrees;

    /// <summary>The searchK values to try; <see langword="null"/> for <see cref="IndexBenchmark.DefaultSearchKs"/> per trees value.</summary>
    public IReadOnlyList<int>? SearchK { get; init; }

    public int Queries { get; init; } = 1000;

    /// <summary>Base vectors; <see langword="null"/> for the dataset's default.</summary>
    public int? Count { get; init; }

    /// <summary>Dimension, for the generated datasets; <see langword="null"/> for the default.</summary>
    public int? Dimension { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>The forest's options apart from trees and seed, which the grid and <see cref="Seed"/> set.</summary>
    public ForestOptions Forest { get; init; } = new();

    /// <summary>The Fashion-MNIST folder; <see langword="null"/> for the Debian package's.</summary>
    public string? Source { get; init; }

    /// <summary>Queries timed one at a time for <c>exact_qps</c>.</summary>
    public int ExactQueries { get; init; } = 200;

    /// <summary>Untimed queries before each timed series (JIT tiering, caches, page faults of a mapped file).</summary>
    public int WarmupQueries { get; init; } = 50;

    /// <summary>Least time spent warming up before each timed series.</summary>
    public double WarmupSeconds { get; init; } = 0.5;

    /// <summary>The command line, recorded in the report.</summary>
    public string? Command { get; init; }
}
