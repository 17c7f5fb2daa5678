using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>
/// The retrieval head and the two-axis rule on synthetic products: 4 categories of 150 products in 16 dimensions, each
/// product a point near its category's centre; a product "photographed again" moves a lot along two directions of its
/// own (dimensions 14–15) and hardly elsewhere.
/// </summary>
public sealed class RetrievalHeadTrainerTests
{
    private const int Dimension = 16;
    private const int Classes = 4;
    private const int PerClass = 150;

    [Fact]
    public void The_trained_head_keeps_likeness_sorts_by_kind_better_than_the_backbone_and_says_what_it_chose()
    {
        var input = Products(seed: 1);

        var result = RetrievalHeadTrainer.Train(input, new RetrievalHeadOptions
        {
            Members = 2,
            Network = new HeadTrainingOptions { Hidden = [32], Epochs = 15, BatchSize = 32 },
        });

        Assert.Equal(2, result.Members.Count);
        Assert.Contains(result.Share, new RetrievalHeadOptions().Shares);
        Assert.Equal(Classes, result.Calibration.Offsets.Length);
        Assert.Equal(RetrievalHeadTrainer.CandidateName(result.Share, result.Calibration.Temperature), result.Chosen.Name);
        var defaults = new RetrievalHeadOptions();
        Assert.Equal(
            [.. defaults.Temperatures.SelectMany(t => new[] { RetrievalHeadTrainer.CandidateName(0, t) }.Concat(defaults.Shares.Select(s => RetrievalHeadTrainer.CandidateName(s, t))))],
            result.Candidates.Select(c => c.Name));
        Assert.Contains(result.Calibration.Temperature, defaults.Temperatures);
        Assert.True(TwoAxisRule.KeepsLikeness(result.Chosen, result.Backbone), $"{result.Chosen} against {result.Backbone}");
        Assert.True(result.Chosen.CategoryPrecisionAt10 > result.Backbone.CategoryPrecisionAt10, $"{result.Chosen} against {result.Backbone}");
        // The class part alone finds few originals: it is never what the rule chooses.
        var alone = result.Candidates[0];
        Assert.True(alone.InstanceRecallAt1 < result.Backbone.InstanceRecallAt1 - TwoAxisRule.InstanceTolerance, alone.ToString());
        Assert.Equal(60, result.ValidationProducts);
        Assert.Equal(input.CopyOf.Length, result.CopiesTrained + result.CopiesValidated);
    }

    [Fact]
    public void A_model_whose_vectors_carry_only_the_category_fails_the_instance_rule_and_is_never_chosen()
    {
        var input = Products(seed: 2);
        var backbone = Figures("backbone", input, input.Vectors, input.CopyVectors, Dimension);
        var oneHot = Figures("one-hot logits", input, OneHot(input.Labels), OneHot([.. input.CopyOf.Select(r => input.Labels[r])]), Classes);

        // Sorting by kind is all it does, and it does it perfectly...
        Assert.Equal(1.0, oneHot.CategoryPrecisionAt10, 6);
        Assert.True(oneHot.CategoryPrecisionAt10 > backbone.CategoryPrecisionAt10);
        // ...but a product photographed again ties with every other product of its kind, and a tie counts against it.
        Assert.True(oneHot.InstanceRecallAt1 < 0.01, oneHot.ToString());
        Assert.False(TwoAxisRule.KeepsLikeness(oneHot, backbone));
        Assert.Same(backbone, TwoAxisRule.Choose([oneHot], backbone));
    }

    [Fact]
    public void The_rule_prefers_a_candidate_that_puts_the_original_on_the_first_screen()
    {
        var backbone = new TwoAxisFigures("backbone", 0.80, 0.5, 0.78, 0.89);
        var sharp = new TwoAxisFigures("sharp", 0.93, 0.7, 0.80, 0.94);
        var balanced = new TwoAxisFigures("balanced", 0.91, 0.7, 0.85, 0.96);
        var lost = new TwoAxisFigures("lost", 0.95, 0.9, 0.70, 0.80);

        Assert.Same(balanced, TwoAxisRule.Choose([sharp, balanced, lost], backbone));
        Assert.Same(sharp, TwoAxisRule.Choose([sharp, lost], backbone));
        Assert.Same(backbone, TwoAxisRule.Choose([lost], backbone));
        // Among variants of one head, the best by the same order even when the backbone sorts better by kind.
        var weakBalanced = balanced with { CategoryPrecisionAt10 = 0.75 };
        Assert.Same(weakBalanced, TwoAxisRule.ChooseAmong([sharp with { CategoryPrecisionAt10 = 0.7 }, weakBalanced], backbone));
        Assert.Same(lost, TwoAxisRule.ChooseAmong([lost], backbone));
    }

    private static TwoAxisFigures Figures(string name, RetrievalHeadInput input, float[] products, float[] copies, int dimension)
    {
        var count = input.Count;
        var matrix = new EmbeddingMatrix(name, dimension, [.. Enumerable.Range(0, count + input.CopyOf.Length)], [.. products, .. copies]);
        var categories = Enumerable.Range(0, Classes).Select(c => $"c{c}").ToArray();
        var category = RetrievalEvaluator.Evaluate(new EvaluationInput
        {
            Embeddings = matrix,
            Queries = [.. Enumerable.Range(0, count).Where(r => r % 10 == 0).Select(r => new LabelledItem(r, input.Labels[r]))],
            Gallery = [.. Enumerable.Range(0, count).Where(r => r % 10 != 0).Select(r => new LabelledItem(r, input.Labels[r]))],
            Categories = categories,
        });
        var instance = InstanceEvaluator.EvaluateItems(new ItemInstanceInput
        {
            Embeddings = matrix,
            Queries = [.. input.CopyOf.Select((r, j) => new ItemImage(count + j, input.Labels[r], r))],
            Gallery = [.. Enumerable.Range(0, count).Select(r => new ItemImage(r, input.Labels[r], r))],
            Categories = categories,
        });
        return new TwoAxisFigures(name, category.PrecisionAt10, category.PerCategory.Min(c => c.PrecisionAt10),
            instance.Report.RecallAt1, instance.Report.RecallAt10);
    }

    private static float[] OneHot(int[] labels)
    {
        var vectors = new float[labels.Length * Classes];
        for (var i = 0; i < labels.Length; i++)
        {
            vectors[(i * Classes) + labels[i]] = 1;
        }

        return vectors;
    }

    private static RetrievalHeadInput Products(int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, Classes).Select(_ => Enumerable.Range(0, Dimension).Select(_ => 1 + Normal(random)).ToArray()).ToArray();
        var count = Classes * PerClass;
        var vectors = new float[count * Dimension];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % Classes;
            for (var d = 0; d < Dimension; d++)
            {
                vectors[(i * Dimension) + d] = centres[labels[i]][d] + (0.9f * Normal(random));
            }
        }

        // A copy of every second product: a large move along 14–15, a slight one elsewhere.
        var copyOf = Enumerable.Range(0, count).Where(i => i % 2 == 0).ToArray();
        var copies = new float[copyOf.Length * Dimension];
        for (var j = 0; j < copyOf.Length; j++)
        {
            for (var d = 0; d < Dimension; d++)
            {
                copies[(j * Dimension) + d] = vectors[(copyOf[j] * Dimension) + d] + ((d >= 14 ? 0.8f : 0.02f) * Normal(random));
            }
        }

        return new RetrievalHeadInput { Vectors = vectors, Labels = labels, Dimension = Dimension, Classes = Classes, CopyVectors = copies, CopyOf = copyOf };
    }

    private static float Normal(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
