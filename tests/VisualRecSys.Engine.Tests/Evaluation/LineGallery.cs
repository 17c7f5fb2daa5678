using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Evaluation;

/// <summary>
/// Items at whole-number positions on a line (vectors <c>(x, 0)</c>), compared by Euclidean distance: every distance is
/// exact, so rankings and ties can be worked out by hand.
/// </summary>
internal static class LineGallery
{
    public const int A = 0;
    public const int B = 1;
    public const int C = 2;

    public static readonly string[] Categories = ["A", "B", "C"];

    /// <summary>Embeddings of the given items, in the order given (not by id).</summary>
    public static EmbeddingMatrix Embeddings(params (int Id, int X)[] items) =>
        new("line-model", 2, [.. items.Select(i => i.Id)], [.. items.SelectMany(i => new[] { (float)i.X, 0f })]);

    public static EvaluationInput Input(EmbeddingMatrix embeddings, LabelledItem[] queries, LabelledItem[] gallery, int k) => new()
    {
        Embeddings = embeddings,
        Queries = queries,
        Gallery = gallery,
        Categories = Categories,
        K = k,
        Metric = DistanceMetric.Euclidean,
    };
}
