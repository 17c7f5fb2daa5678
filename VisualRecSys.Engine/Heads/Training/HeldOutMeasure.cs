using System.Globalization;
using System.Numerics.Tensors;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// Both axes on held-out products, for the choices of <see cref="RetrievalHeadTrainer"/>: category precision@10 of the
/// held-out products searched among the others, and instance recall of their edited copies searched among all products.
/// </summary>
internal sealed class HeldOutMeasure
{
    private readonly RetrievalHeadInput _input;
    private readonly int[] _validation;
    private readonly int[] _copies;
    private readonly int _maxDegreeOfParallelism;
    private readonly string[] _categories;

    public HeldOutMeasure(RetrievalHeadInput input, int[] validation, int[] copies, int maxDegreeOfParallelism)
    {
        _input = input;
        _validation = validation;
        _copies = copies;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        _categories = [.. Enumerable.Range(0, input.Classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>The raw backbone (cosine of its vectors).</summary>
    public TwoAxisFigures Backbone() => Measure("backbone", _input.Dimension, _input.Vectors, RetrievalHeadTrainer.Rows(_input.CopyVectors, _copies, _input.Dimension));

    /// <summary>
    /// A head whose embedding is fused at each of <paramref name="shares"/> (the head's own share is ignored), and the
    /// head's class part alone first: its class part and whitened backbone are computed once, then joined per share.
    /// </summary>
    public IReadOnlyList<TwoAxisFigures> Of(CategoryHead head, IReadOnlyList<float> shares, Func<float, string> name, CancellationToken ct)
    {
        var unfused = head.WithBackboneShare(0);
        var copies = RetrievalHeadTrainer.Rows(_input.CopyVectors, _copies, _input.Dimension);
        var classProducts = Embed(unfused, _input.Vectors, _input.Count);
        var classCopies = Embed(unfused, copies, _copies.Length);
        var figures = new List<TwoAxisFigures> { Measure("head alone", unfused.Dimension, classProducts, classCopies) };
        if (head.Fusion.Whitening is not { } whitening)
        {
            return figures;
        }

        var instanceProducts = Whiten(whitening, _input.Vectors, _input.Count);
        var instanceCopies = Whiten(whitening, copies, _copies.Length);
        foreach (var share in shares)
        {
            ct.ThrowIfCancellationRequested();
            var dimension = whitening.Outputs + unfused.Dimension;
            figures.Add(Measure(name(share), dimension,
                Join(instanceProducts, classProducts, _input.Count, whitening.Outputs, unfused.Dimension, share),
                Join(instanceCopies, classCopies, _copies.Length, whitening.Outputs, unfused.Dimension, share)));
        }

        return figures;
    }

    /// <summary>[√share · instance, √(1 − share) · class] for each row: what <see cref="CategoryHead.Embed"/> writes for that share.</summary>
    private static float[] Join(float[] instance, float[] classes, int rows, int instanceDimension, int classDimension, float share)
    {
        var dimension = instanceDimension + classDimension;
        var joined = new float[(long)rows * dimension];
        for (var r = 0; r < rows; r++)
        {
            var row = joined.AsSpan(r * dimension, dimension);
            TensorPrimitives.Multiply(instance.AsSpan(r * instanceDimension, instanceDimension), MathF.Sqrt(share), row[..instanceDimension]);
            TensorPrimitives.Multiply(classes.AsSpan(r * classDimension, classDimension), MathF.Sqrt(1 - share), row[instanceDimension..]);
        }

        return joined;
    }

    private static float[] Whiten(Whitening.BackboneWhitening whitening, float[] vectors, int rows)
    {
        var output = new float[(long)rows * whitening.Outputs];
        whitening.Apply(vectors, rows, output, new float[(long)rows * whitening.Inputs]);
        return output;
    }

    private TwoAxisFigures Measure(string name, int dimension, float[] products, float[] copies)
    {
        var count = _input.Count;
        var ids = Enumerable.Range(0, count + _copies.Length).ToArray();
        var vectors = new float[(long)ids.Length * dimension];
        products.AsSpan(0, count * dimension).CopyTo(vectors);
        copies.CopyTo(vectors.AsSpan(count * dimension));
        var matrix = new EmbeddingMatrix(name, dimension, ids, vectors);

        var held = _validation.ToHashSet();
        var category = RetrievalEvaluator.Evaluate(new EvaluationInput
        {
            Embeddings = matrix,
            Queries = [.. _validation.Select(r => new LabelledItem(r, _input.Labels[r]))],
            Gallery = [.. Enumerable.Range(0, count).Where(r => !held.Contains(r)).Select(r => new LabelledItem(r, _input.Labels[r]))],
            Categories = _categories,
            K = 10,
            MaxDegreeOfParallelism = _maxDegreeOfParallelism,
        });
        var instance = InstanceEvaluator.EvaluateItems(new ItemInstanceInput
        {
            Embeddings = matrix,
            Queries = [.. _copies.Select((c, j) => new ItemImage(count + j, _input.Labels[_input.CopyOf[c]], _input.CopyOf[c]))],
            Gallery = [.. Enumerable.Range(0, count).Select(r => new ItemImage(r, _input.Labels[r], r))],
            Categories = _categories,
            MaxDegreeOfParallelism = _maxDegreeOfParallelism,
        });
        var worst = category.PerCategory.Where(c => c.Queries > 0).Select(c => c.PrecisionAt10).DefaultIfEmpty(0).Min();
        return new TwoAxisFigures(name, category.PrecisionAt10, worst, instance.Report.RecallAt1, instance.Report.RecallAt10);
    }

    private static float[] Embed(CategoryHead head, float[] vectors, int rows)
    {
        const int batch = 1024;
        var output = new float[(long)rows * head.Dimension];
        var inputs = head.Network.InputDimension;
        Parallel.For(0, (rows + batch - 1) / batch, () => new HeadWorkspace(), (b, _, workspace) =>
        {
            var first = b * batch;
            var n = Math.Min(batch, rows - first);
            head.Embed(vectors.AsSpan(first * inputs, n * inputs), [], n, output.AsSpan(first * head.Dimension, n * head.Dimension), workspace);
            return workspace;
        }, _ => { });
        return output;
    }
}
