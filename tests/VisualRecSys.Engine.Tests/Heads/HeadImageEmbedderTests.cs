using SkiaSharp;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;
using VisualRecSys.Engine.Tests.Embedding;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>A head model embedding uploads: the backbone on the image (and its mirror), then the head.</summary>
[Collection(ModelTests.Name)]
public sealed class HeadImageEmbedderTests(EmbedderFixture fixture)
{
    private readonly OnnxImageEmbedder _backbone = fixture.Embedder;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_image_is_the_head_on_its_backbone_vectors(bool mirror)
    {
        var head = HeadOn(_backbone.Dimension, mirror);
        var embedder = new HeadImageEmbedder(_backbone, head);
        var image = TestImages.ColourPhoto(300, 200, SKEncodedImageFormat.Png);

        var original = new float[_backbone.Dimension];
        var mirrored = new float[mirror ? _backbone.Dimension : 0];
        _backbone.EmbedBatch([image], original, ImageView.Original);
        if (mirror)
        {
            _backbone.EmbedBatch([image], mirrored, ImageView.Mirrored);
        }

        var expected = new float[head.Dimension];
        head.Embed(original, mirrored, 1, expected, new HeadWorkspace());
        var single = new float[head.Dimension];
        embedder.Embed(image, single);
        var batch = new float[2 * head.Dimension];
        embedder.EmbedBatch([image, image], batch);

        Assert.Equal(head.Id, embedder.ModelId);
        Assert.Equal(head.Dimension, embedder.Dimension);
        Assert.Equal(expected, single, (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(expected, batch.AsSpan(head.Dimension).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void A_destination_of_the_wrong_size_is_refused()
    {
        var embedder = new HeadImageEmbedder(_backbone, HeadOn(_backbone.Dimension, mirror: false));
        var image = TestImages.ColourPhoto(64, 64);

        Assert.Throws<ArgumentException>(() => embedder.EmbedBatch([image], new float[embedder.Dimension + 1]));
        embedder.EmbedBatch([], Span<float>.Empty);
    }

    /// <summary>A small head trained on synthetic vectors of <paramref name="dimension"/> floats (as the backbone's).</summary>
    internal static CategoryHead HeadOn(int dimension, bool mirror)
    {
        var set = SyntheticSets.Clusters(3, 20, dimension, 0.1, 7, withMirror: mirror);
        var result = HeadTrainer.Train(set, new HeadTrainingOptions { Hidden = [12], Epochs = 2, BatchSize = 16, Seed = 42 });
        var summary = new HeadTrainingSummary { Epochs = result.EpochsRun, BestEpoch = result.BestEpoch, ValidationAccuracy = result.ValidationAccuracy, Seed = 42 };
        return CategoryHead.Create("backbone-0123456789ab", ["a", "b", "c"], result.Network, HeadLayer.Logits, mirror, summary,
            new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
    }
}
