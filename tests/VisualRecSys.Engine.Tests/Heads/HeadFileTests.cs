using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;

namespace VisualRecSys.Engine.Tests.Heads;

public sealed class HeadFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-heads-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_saved_head_loads_with_the_same_id_parameters_and_embeddings()
    {
        var head = TrainedHead(mirror: true);

        var path = HeadFile.Save(head, _directory);
        var loaded = HeadFile.Load(path);

        Assert.Equal(head.Id, loaded.Id);
        Assert.StartsWith("backbone-0123456789ab.head-", head.Id, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_directory, head.Id + ".head"), path);
        Assert.Equal(head.Categories, loaded.Categories);
        Assert.Equal(head.EmbeddingLayer, loaded.EmbeddingLayer);
        Assert.True(loaded.MirrorAtQuery);
        Assert.Equal(head.Training, loaded.Training);
        for (var l = 0; l < head.Network.Layers.Count; l++)
        {
            Assert.Equal(head.Network.Layers[l].Weights, loaded.Network.Layers[l].Weights);
            Assert.Equal(head.Network.Layers[l].Bias, loaded.Network.Layers[l].Bias);
        }

        var set = SyntheticSets.Clusters(3, 5, 8, 0.1, 8, withMirror: true);
        var expected = new float[15 * head.Dimension];
        var actual = new float[15 * head.Dimension];
        head.Embed(set.Vectors, set.Mirrored, 15, expected, new HeadWorkspace());
        loaded.Embed(set.Vectors, set.Mirrored, 15, actual, new HeadWorkspace());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Heads_trained_apart_have_different_ids()
    {
        Assert.NotEqual(TrainedHead(mirror: false, seed: 1).Id, TrainedHead(mirror: false, seed: 2).Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(-1)]
    public void A_flipped_byte_anywhere_is_refused(int offset)
    {
        var path = HeadFile.Save(TrainedHead(mirror: false), _directory);
        var bytes = File.ReadAllBytes(path);
        var at = offset < 0 ? bytes.Length / 2 : offset;
        bytes[at] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => HeadFile.Load(path));
        Assert.Contains("unusable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var path = HeadFile.Save(TrainedHead(mirror: false), _directory);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);

        Assert.Throws<InvalidDataException>(() => HeadFile.Load(path));
    }

    [Fact]
    public void A_renamed_file_is_refused()
    {
        var path = HeadFile.Save(TrainedHead(mirror: false), _directory);
        var renamed = Path.Combine(_directory, "backbone-0123456789ab.head-000000000000.head");
        File.Move(path, renamed);

        var ex = Assert.Throws<InvalidDataException>(() => HeadFile.Load(renamed));
        Assert.Contains("renamed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embeddings_are_unit_length_and_a_mirroring_head_needs_the_mirror_vectors()
    {
        var head = TrainedHead(mirror: true);
        var set = SyntheticSets.Clusters(3, 4, 8, 0.1, 9, withMirror: true);
        var output = new float[12 * head.Dimension];

        head.Embed(set.Vectors, set.Mirrored, 12, output, new HeadWorkspace());

        for (var r = 0; r < 12; r++)
        {
            Assert.Equal(1.0, System.Numerics.Tensors.TensorPrimitives.Norm(output.AsSpan(r * head.Dimension, head.Dimension)), 4);
        }

        Assert.Throws<ArgumentException>(() => head.Embed(set.Vectors, [], 12, output, new HeadWorkspace()));
    }

    [Fact]
    public void Only_head_ids_name_a_head_file()
    {
        // How head ids name their backbone is ModelIdTests' subject; here, that the file name is only ever a head id.
        Assert.Equal(Path.Combine(_directory, "resnet18-87e69d62a91a.head-0123456789ab.head"),
            HeadFile.PathFor(_directory, "resnet18-87e69d62a91a.head-0123456789ab"));
        Assert.Throws<ArgumentException>(() => HeadFile.PathFor(_directory, "../x.head-1"));
        Assert.Throws<ArgumentException>(() => HeadFile.PathFor(_directory, "resnet18-87e69d62a91a"));
    }

    internal static CategoryHead TrainedHead(bool mirror, int seed = 42)
    {
        var set = SyntheticSets.Clusters(3, 40, 8, 0.1, 7, withMirror: mirror);
        var options = new HeadTrainingOptions { Hidden = [12], Epochs = 3, BatchSize = 16, Seed = seed };
        var result = HeadTrainer.Train(set, options);
        var summary = new HeadTrainingSummary { Epochs = result.EpochsRun, BestEpoch = result.BestEpoch, ValidationAccuracy = result.ValidationAccuracy, Seed = seed };
        return CategoryHead.Create("backbone-0123456789ab", ["a", "b", "c"], result.Network, HeadLayer.Logits, mirror, summary,
            new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
    }
}
