using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>What <see cref="RetrievalEvaluator.Evaluate"/> measures: queries searched against a gallery, categories as ground truth.</summary>
public sealed record EvaluationInput
{
    /// <summary>Neighbours per query when not given.</summary>
    public const int DefaultK = 10;

    /// <summary>Seed of the query sample when not given: the same sample on every run.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The vectors of one model; must hold every query and gallery id (it may hold others).</summary>
    public required EmbeddingMatrix Embeddings { get; init; }

    /// <summary>The queries (distinct ids).</summary>
    public required IReadOnlyList<LabelledItem> Queries { get; init; }

    /// <summary>What is searched (distinct ids). A query that is also in the gallery never finds itself.</summary>
    public required IReadOnlyList<LabelledItem> Gallery { get; init; }

    /// <summary>The category names, indexed by <see cref="LabelledItem.Category"/>.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>Neighbours per query, at least 1. Default <see cref="DefaultK"/>.</summary>
    public int K { get; init; } = DefaultK;

    /// <summary>Evaluate a seeded sample of this many queries; all of them when null.</summary>
    public int? QueryLimit { get; init; }

    /// <summary>Seed of the sample. Default <see cref="DefaultSeed"/>.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>How the exact search ranks. Default <see cref="DistanceMetric.Angular"/>.</summary>
    public DistanceMetric Metric { get; init; } = DistanceMetric.Angular;

    /// <summary>An approximate index to measure against exact search, or null for quality figures only.</summary>
    public ApproximateIndex? Approximate { get; init; }

    /// <summary>Most threads the exact search uses; -1 for one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks everything that can be checked without searching.</summary>
    /// <exception cref="ArgumentException">A value is missing, out of range or inconsistent; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Embeddings, nameof(Embeddings));
        ArgumentNullException.ThrowIfNull(Queries, nameof(Queries));
        ArgumentNullException.ThrowIfNull(Gallery, nameof(Gallery));
        ArgumentNullException.ThrowIfNull(Categories, nameof(Categories));
        ArgumentOutOfRangeException.ThrowIfLessThan(K, 1, nameof(K));
        if (QueryLimit is int limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(QueryLimit));
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use a positive number, or -1 for one thread per core.");
        }

        if (!Enum.IsDefined(Metric))
        {
            throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "Unknown distance metric.");
        }

        if (Categories.Count == 0)
        {
            throw new ArgumentException("There are no categories.", nameof(Categories));
        }

        if (Queries.Count == 0)
        {
            throw new ArgumentException("There are no queries.", nameof(Queries));
        }

        if (Gallery.Count == 0)
        {
            throw new ArgumentException("The gallery is empty.", nameof(Gallery));
        }

        if (Approximate is not null && Approximate.Metric != Metric)
        {
            // Recall against an exact search that ranks differently would measure the metric, not the index.
            throw new ArgumentException($"The approximate index ranks by {Approximate.Metric}; the evaluation by {Metric}.", nameof(Approximate));
        }

        CheckItems(Queries, nameof(Queries));
        CheckItems(Gallery, nameof(Gallery));
    }

    private void CheckItems(IReadOnlyList<LabelledItem> items, string name)
    {
        var seen = new HashSet<int>(items.Count);
        foreach (var item in items)
        {
            if (!seen.Add(item.Id))
            {
                throw new ArgumentException($"Id {item.Id} appears more than once in {name}.", name);
            }

            if ((uint)item.Category >= (uint)Categories.Count)
            {
                throw new ArgumentException($"Id {item.Id} in {name} has category {item.Category}; there are {Categories.Count} categories.", name);
            }

            if (!Embeddings.TryGetRow(item.Id, out _))
            {
                throw new ArgumentException($"Id {item.Id} in {name} has no vector in the embeddings of model '{Embeddings.ModelId}'.", name);
            }
        }
    }
}
