using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>
/// An instance evaluation with edited copies as ground truth: a seeded sample of gallery products, each edited
/// <see cref="EditsPerQuery"/> times (<see cref="EditPlan"/>, <see cref="ImageEdits"/>), each copy embedded through
/// <see cref="Embedder"/> exactly as an upload is and searched against the gallery's stored vectors.
/// </summary>
public sealed record EditedInstanceInput
{
    /// <summary>Products sampled when not given: 2,000 × 4 copies take about 2 minutes on 2 CPU cores with ResNet18.</summary>
    public const int DefaultQueries = 2000;

    /// <summary>Copies per product when not given.</summary>
    public const int DefaultEditsPerQuery = 4;

    /// <summary>Most copies per product: as many as a colour image has kinds of edit.</summary>
    public static int MaxEditsPerQuery => ImageEditKinds.ForColour.Count;

    /// <summary>The stored vectors of <see cref="Embedder"/>'s model; must hold every gallery id.</summary>
    public required EmbeddingMatrix Embeddings { get; init; }

    /// <summary>What is searched (distinct ids); the sample is drawn from it.</summary>
    public required IReadOnlyList<LabelledItem> Gallery { get; init; }

    /// <summary>The category names, indexed by <see cref="LabelledItem.Category"/>.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>The model as uploads see it (decoding, preprocessing, mirror view when the model has one).</summary>
    public required IImageEmbedder Embedder { get; init; }

    /// <summary>The encoded catalog image of a gallery product; may throw <see cref="IOException"/> (the product is skipped).</summary>
    public required Func<int, byte[]> ReadImage { get; init; }

    /// <summary>Edited copies per product, 1–<see cref="MaxEditsPerQuery"/>. Default <see cref="DefaultEditsPerQuery"/>.</summary>
    public int EditsPerQuery { get; init; } = DefaultEditsPerQuery;

    /// <summary>Products sampled (seeded); all when null. Default <see cref="DefaultQueries"/>.</summary>
    public int? QueryLimit { get; init; } = DefaultQueries;

    /// <summary>Seed of the sample and of every edit.</summary>
    public int Seed { get; init; } = EvaluationInput.DefaultSeed;

    /// <summary>Limits of decoding the catalog images.</summary>
    public ImageLimits Limits { get; init; } = ImageLimits.Default;

    /// <summary>How the search ranks; the index's metric.</summary>
    public DistanceMetric Metric { get; init; } = DistanceMetric.Angular;

    /// <summary>Most threads of the exact search; -1 for one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks what can be checked before editing anything.</summary>
    /// <exception cref="ArgumentException">A value is missing, out of range or inconsistent; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Embeddings, nameof(Embeddings));
        ArgumentNullException.ThrowIfNull(Embedder, nameof(Embedder));
        ArgumentNullException.ThrowIfNull(ReadImage, nameof(ReadImage));
        ArgumentOutOfRangeException.ThrowIfLessThan(EditsPerQuery, 1, nameof(EditsPerQuery));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(EditsPerQuery, MaxEditsPerQuery, nameof(EditsPerQuery));
        if (QueryLimit is int limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(QueryLimit));
        }

        if (Embedder.ModelId != Embeddings.ModelId || Embedder.Dimension != Embeddings.Dimension)
        {
            // Copies embedded by one model searched among another's vectors would measure nothing.
            throw new ArgumentException(
                $"The embedder runs model '{Embedder.ModelId}' ({Embedder.Dimension}-d); the gallery holds vectors of '{Embeddings.ModelId}' ({Embeddings.Dimension}-d).",
                nameof(Embedder));
        }

        InstanceInputChecks.Gallery(Embeddings, Gallery, Categories, MaxDegreeOfParallelism);
    }
}

/// <summary>A photograph of a data set with item ids: a product, its category and the item it shows.</summary>
/// <param name="Id">The product's id (a row of the embeddings).</param>
/// <param name="Category">Index into the evaluation's categories.</param>
/// <param name="Item">The item's number; photographs of one item share it.</param>
public readonly record struct ItemImage(int Id, int Category, int Item);

/// <summary>
/// An instance evaluation with a data set's item ids as ground truth (DeepFashion In-shop): each query image, by its
/// stored vector, must find a gallery image of the same item.
/// </summary>
public sealed record ItemInstanceInput
{
    /// <summary>Vectors of one model holding every query and gallery id.</summary>
    public required EmbeddingMatrix Embeddings { get; init; }

    /// <summary>The query images (distinct ids).</summary>
    public required IReadOnlyList<ItemImage> Queries { get; init; }

    /// <summary>The gallery images (distinct ids).</summary>
    public required IReadOnlyList<ItemImage> Gallery { get; init; }

    /// <summary>The category names.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>Query images sampled (seeded); all when null.</summary>
    public int? QueryLimit { get; init; }

    /// <summary>Seed of the sample.</summary>
    public int Seed { get; init; } = EvaluationInput.DefaultSeed;

    /// <summary>How the search ranks.</summary>
    public DistanceMetric Metric { get; init; } = DistanceMetric.Angular;

    /// <summary>Most threads of the exact search; -1 for one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks the input.</summary>
    /// <exception cref="ArgumentException">A value is missing, out of range or inconsistent; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Queries, nameof(Queries));
        if (QueryLimit is int limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(QueryLimit));
        }

        if (Queries.Count == 0)
        {
            throw new ArgumentException("There are no query images.", nameof(Queries));
        }

        InstanceInputChecks.Gallery(Embeddings, [.. Gallery.Select(g => new LabelledItem(g.Id, g.Category))], Categories, MaxDegreeOfParallelism);
        foreach (var query in Queries)
        {
            if (!Embeddings.TryGetRow(query.Id, out _))
            {
                throw new ArgumentException($"Query image {query.Id} has no vector of model '{Embeddings.ModelId}'.", nameof(Queries));
            }

            if ((uint)query.Category >= (uint)Categories.Count)
            {
                throw new ArgumentException($"Query image {query.Id} has category {query.Category}; there are {Categories.Count}.", nameof(Queries));
            }
        }
    }
}

/// <summary>The checks both kinds of instance input share.</summary>
internal static class InstanceInputChecks
{
    public static void Gallery(EmbeddingMatrix embeddings, IReadOnlyList<LabelledItem> gallery, IReadOnlyList<string> categories, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(categories);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use a positive number, or -1 for one thread per core.");
        }

        if (gallery.Count == 0)
        {
            throw new ArgumentException("The gallery is empty.", nameof(gallery));
        }

        var seen = new HashSet<int>(gallery.Count);
        foreach (var item in gallery)
        {
            if (!seen.Add(item.Id))
            {
                throw new ArgumentException($"Id {item.Id} appears more than once in the gallery.", nameof(gallery));
            }

            if ((uint)item.Category >= (uint)categories.Count)
            {
                throw new ArgumentException($"Gallery item {item.Id} has category {item.Category}; there are {categories.Count}.", nameof(gallery));
            }

            if (!embeddings.TryGetRow(item.Id, out _))
            {
                throw new ArgumentException($"Gallery item {item.Id} has no vector of model '{embeddings.ModelId}'.", nameof(gallery));
            }
        }
    }
}
