using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>
/// The gallery's vectors as a matrix of their own, ordered by id (so exact search breaks score ties towards the lower
/// id, not towards wherever an item happened to be listed), with each item's category and each category's size.
/// </summary>
internal sealed class EvaluationGallery
{
    private readonly int[] _categoryByRow;
    private readonly int[] _sizeByCategory;

    /// <summary>Copies the gallery's rows out of <paramref name="embeddings"/> (ids already checked by <see cref="EvaluationInput.Validate"/>).</summary>
    public EvaluationGallery(EmbeddingMatrix embeddings, IReadOnlyList<LabelledItem> items, int categoryCount)
    {
        var sorted = items.OrderBy(item => item.Id).ToArray();
        var dimension = embeddings.Dimension;
        var ids = new int[sorted.Length];
        var vectors = new float[(long)sorted.Length * dimension];
        _categoryByRow = new int[sorted.Length];
        _sizeByCategory = new int[categoryCount];
        for (var row = 0; row < sorted.Length; row++)
        {
            embeddings.TryGetRow(sorted[row].Id, out var source);
            embeddings.Vector(source).CopyTo(vectors.AsSpan(row * dimension, dimension));
            ids[row] = sorted[row].Id;
            _categoryByRow[row] = sorted[row].Category;
            _sizeByCategory[sorted[row].Category]++;
        }

        Matrix = new EmbeddingMatrix(embeddings.ModelId, dimension, ids, vectors);
    }

    /// <summary>The gallery's vectors, ordered by id.</summary>
    public EmbeddingMatrix Matrix { get; }

    /// <summary>Number of items.</summary>
    public int Count => Matrix.Count;

    /// <summary>Whether <paramref name="id"/> is in the gallery (the filter of the approximate searches).</summary>
    public bool Contains(int id) => Matrix.TryGetRow(id, out _);

    /// <summary>The category of gallery item <paramref name="id"/>.</summary>
    public int CategoryOf(int id) =>
        Matrix.TryGetRow(id, out var row) ? _categoryByRow[row] : throw new ArgumentException($"Id {id} is not in the gallery.", nameof(id));

    /// <summary>Gallery items of <paramref name="category"/>.</summary>
    public int SizeOf(int category) => _sizeByCategory[category];

    /// <summary>Gallery items a query can find relevant: those of its category, less itself when it is one of them.</summary>
    public int RelevantFor(LabelledItem query) =>
        SizeOf(query.Category) - (Matrix.TryGetRow(query.Id, out var row) && _categoryByRow[row] == query.Category ? 1 : 0);
}
