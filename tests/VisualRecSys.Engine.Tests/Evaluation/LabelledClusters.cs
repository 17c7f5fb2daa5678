using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Evaluation;

/// <summary>
/// Seeded Gaussian clusters, one per category, overlapping enough that precision is neither 0 nor 1, with queries and a
/// gallery that share some items; and a brute-force evaluation of it in doubles, to check the evaluator against.
/// </summary>
internal sealed class LabelledClusters
{
    public LabelledClusters(int items, int dimension, int categories, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, categories).Select(_ => Enumerable.Range(0, dimension).Select(_ => Gaussian(random)).ToArray()).ToArray();
        var vectors = new float[items * dimension];
        var labels = new LabelledItem[items];
        for (var i = 0; i < items; i++)
        {
            // The last category gets no queries below; ids are not row numbers.
            var category = i % categories;
            labels[i] = new LabelledItem(5000 - (3 * i), category);
            for (var d = 0; d < dimension; d++)
            {
                vectors[(i * dimension) + d] = (float)(centres[category][d] + (1.2 * Gaussian(random)));
            }
        }

        Embeddings = new EmbeddingMatrix("clusters", dimension, [.. labels.Select(l => l.Id)], vectors);
        Categories = [.. Enumerable.Range(0, categories).Select(c => $"cat{c}")];
        // Queries: the first 40 %, less the last category; gallery: from 30 % on, so a tenth of the items are both.
        Queries = [.. labels.Take(items * 4 / 10).Where(l => l.Category != categories - 1)];
        Gallery = [.. labels.Skip(items * 3 / 10)];
    }

    public EmbeddingMatrix Embeddings { get; }

    public string[] Categories { get; }

    public LabelledItem[] Queries { get; }

    public LabelledItem[] Gallery { get; }

    public EvaluationInput Input(int k) => new() { Embeddings = Embeddings, Queries = Queries, Gallery = Gallery, Categories = Categories, K = k };

    /// <summary>Per query, in query order: relevance of its ranked neighbours by cosine (ties to the lower id), itself left out.</summary>
    public bool[][] ReferenceRelevance()
    {
        return [.. Queries.Select(query => Gallery
            .Where(item => item.Id != query.Id)
            .OrderByDescending(item => Cosine(query.Id, item.Id))
            .ThenBy(item => item.Id)
            .Select(item => item.Category == query.Category)
            .ToArray())];
    }

    /// <summary>Relevant gallery items for <paramref name="query"/>, itself left out.</summary>
    public int RelevantFor(LabelledItem query) => Gallery.Count(item => item.Category == query.Category && item.Id != query.Id);

    private double Cosine(int a, int b)
    {
        Embeddings.TryGetRow(a, out var rowA);
        Embeddings.TryGetRow(b, out var rowB);
        var (x, y) = (Embeddings.Vector(rowA).ToArray(), Embeddings.Vector(rowB).ToArray());
        double dot = 0, xx = 0, yy = 0;
        for (var d = 0; d < x.Length; d++)
        {
            dot += (double)x[d] * y[d];
            xx += (double)x[d] * x[d];
            yy += (double)y[d] * y[d];
        }

        return dot / Math.Sqrt(xx * yy);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
