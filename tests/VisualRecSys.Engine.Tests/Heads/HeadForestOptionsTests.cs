using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>The forest options an index build takes for a model's vectors: wider split space for a whitened head only.</summary>
public sealed class HeadForestOptionsTests : IDisposable
{
    private static readonly ForestOptions s_asked = new() { Trees = 7, DefaultSearchK = 300 };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-head-forest-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_head_whose_backbone_part_is_whitened_splits_in_a_wider_space_read_from_its_file()
    {
        var head = Head(whitened: true);
        HeadFile.Save(head, _directory);

        var options = HeadForestOptions.For(s_asked, head.Id, _directory);

        Assert.Equal((HeadForestOptions.WhitenedSplitDimension, HeadForestOptions.WhitenedSplitDimension * 3 / 2), (options.SplitDimension, options.ShortlistDimension));
        Assert.Equal((7, 300), (options.Trees, options.DefaultSearchK));
        Assert.Equal(options, HeadForestOptions.For(s_asked, head));
    }

    [Fact]
    public void A_plain_head_a_backbone_and_a_head_whose_file_is_gone_keep_the_options_asked()
    {
        var plain = Head(whitened: false);
        HeadFile.Save(plain, _directory);
        var gone = Head(whitened: true, seed: 2);

        Assert.Equal(s_asked, HeadForestOptions.For(s_asked, plain.Id, _directory));
        Assert.Equal(s_asked, HeadForestOptions.For(s_asked, plain.BackboneModelId, _directory));
        Assert.Equal(s_asked, HeadForestOptions.For(s_asked, gone.Id, _directory));
        Assert.Equal((64, 96), (s_asked.SplitDimension, s_asked.ShortlistDimension));
    }

    private static CategoryHead Head(bool whitened, int seed = 1)
    {
        var set = SyntheticSets.Clusters(3, 40, 8, 0.3, 7, withMirror: false);
        var network = HeadTrainer.Train(set, new HeadTrainingOptions { Hidden = [12], Epochs = 2, BatchSize = 16, Seed = seed }).Network;
        var whitening = whitened
            ? Engine.Heads.Whitening.BackboneWhitening.FitFromPairs(set.Vectors, set.Count, set.Vectors, [.. set.Vectors.Select((v, i) => v + (0.05f * MathF.Sin(i)))], set.Count, 8)
            : null;
        return CategoryHead.Create("backbone-0123456789ab", ["a", "b", "c"], [network], HeadLayer.RootProbabilities, false,
            new HeadTrainingSummary(), new HeadFusion(0.4f, whitening), created: new DateTimeOffset(2026, 12, 1, 0, 0, seed, TimeSpan.Zero));
    }
}
