using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;

namespace VisualRecSys.Engine.Tests.Heads;

public sealed class HeadTrainerTests
{
    private static HeadTrainingOptions Quick() => new() { Hidden = [32], Epochs = 30, BatchSize = 32, Patience = 30 };

    [Fact]
    public void Separable_clusters_are_learnt_almost_perfectly()
    {
        var train = SyntheticSets.Clusters(classes: 5, perClass: 200, dimension: 16, noise: 0.08, seed: 1);
        var test = SyntheticSets.Clusters(classes: 5, perClass: 100, dimension: 16, noise: 0.08, seed: 1);

        var result = HeadTrainer.Train(train, Quick());

        Assert.True(result.ValidationAccuracy >= 0.99, $"validation accuracy {result.ValidationAccuracy}");
        var accuracy = HeadTrainer.Accuracy(result.Network, test, Enumerable.Range(0, test.Count).ToArray());
        Assert.True(accuracy >= 0.99, $"accuracy on new rows {accuracy}");
        Assert.True(result.History[^1].Loss < result.History[0].Loss, "the loss went down");
    }

    [Fact]
    public void Labels_that_carry_no_signal_are_not_learnt()
    {
        // The same vectors with shuffled labels: a trainer that leaks labels (or a broken accuracy) would score high.
        var set = SyntheticSets.Clusters(classes: 4, perClass: 150, dimension: 16, noise: 0.08, seed: 2);
        var shuffle = new Random(9);
        var shuffled = set with { Labels = [.. set.Labels.OrderBy(_ => shuffle.Next())] };

        var result = HeadTrainer.Train(shuffled, Quick());

        Assert.InRange(result.ValidationAccuracy, 0, 0.5);
    }

    [Fact]
    public void The_same_seed_gives_the_same_head()
    {
        var set = SyntheticSets.Clusters(classes: 3, perClass: 60, dimension: 8, noise: 0.3, seed: 3);
        var options = new HeadTrainingOptions { Hidden = [16], Epochs = 5, BatchSize = 16, Patience = 5 };

        var first = HeadTrainer.Train(set, options);
        var second = HeadTrainer.Train(set, options);
        options.Seed = 43;
        var other = HeadTrainer.Train(set, options);

        Assert.Equal(first.Network.Layers[0].Weights, second.Network.Layers[0].Weights);
        Assert.NotEqual(first.Network.Layers[0].Weights, other.Network.Layers[0].Weights);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epoch()
    {
        var set = SyntheticSets.Clusters(classes: 3, perClass: 100, dimension: 8, noise: 0.05, seed: 4);
        var options = new HeadTrainingOptions { Hidden = [16], Epochs = 200, BatchSize = 32, Patience = 3 };

        var result = HeadTrainer.Train(set, options);

        Assert.True(result.EpochsRun < 200, "training stopped early");
        Assert.Equal(result.BestEpoch + options.Patience, result.EpochsRun);
        Assert.Equal(result.History.Max(e => e.ValidationAccuracy), result.ValidationAccuracy);
    }

    [Fact]
    public void Mirrored_views_are_used_and_averaged()
    {
        var set = SyntheticSets.Clusters(classes: 4, perClass: 150, dimension: 16, noise: 0.08, seed: 5, withMirror: true);

        var result = HeadTrainer.Train(set, Quick());

        Assert.True(result.ValidationAccuracy >= 0.99, $"validation accuracy {result.ValidationAccuracy}");
    }

    [Theory]
    [InlineData(0, 0.5f, 0.1)]
    [InlineData(10, 1f, 0.1)]
    [InlineData(10, 0.5f, 1.0)]
    public void Unusable_options_are_refused(int epochs, float dropout, double validationShare)
    {
        var set = SyntheticSets.Clusters(2, 10, 4, 0.1, 6);
        var options = new HeadTrainingOptions { Epochs = epochs, Dropout = dropout, ValidationShare = validationShare };

        Assert.Throws<ArgumentException>(() => HeadTrainer.Train(set, options));
    }

    [Fact]
    public void A_label_outside_the_categories_is_refused()
    {
        var set = new HeadTrainingSet(new float[8], [0, 1, 2, 5], 2, 3);

        var ex = Assert.Throws<ArgumentException>(() => HeadTrainer.Train(set, Quick()));
        Assert.Contains("Label 5", ex.Message, StringComparison.Ordinal);
    }
}
