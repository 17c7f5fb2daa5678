using System.Numerics.Tensors;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>A head whose embedding carries the backbone's vector beside its own output (<see cref="CategoryHead.BackboneShare"/>).</summary>
public sealed class FusedHeadTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-fused-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(0.25f)]
    [InlineData(0.6f)]
    public void The_fused_cosine_is_the_share_weighted_sum_of_the_backbone_and_head_cosines(float share)
    {
        var plain = Head(mirror: true);
        var fused = plain.WithBackboneShare(share);
        var set = SyntheticSets.Clusters(3, 4, 8, 0.3, 11, withMirror: true);
        var headOut = Embed(plain, set, 12);
        var fusedOut = Embed(fused, set, 12);

        Assert.Equal(8 + 3, fused.Dimension);
        for (var a = 0; a < 12; a++)
        {
            Assert.Equal(1.0, TensorPrimitives.Norm(Row(fusedOut, fused.Dimension, a)), 4);
            for (var b = a + 1; b < 12; b++)
            {
                var backbone = TensorPrimitives.CosineSimilarity(Row(set.Vectors, 8, a), Row(set.Vectors, 8, b));
                var head = TensorPrimitives.Dot(Row(headOut, 3, a), Row(headOut, 3, b));
                var expected = (share * backbone) + ((1 - share) * head);
                Assert.Equal(expected, TensorPrimitives.Dot(Row(fusedOut, fused.Dimension, a), Row(fusedOut, fused.Dimension, b)), 4);
            }
        }
    }

    [Fact]
    public void The_share_is_saved_with_the_head_and_makes_a_model_of_its_own()
    {
        var plain = Head(mirror: false);
        var fused = plain.WithBackboneShare(0.5f);

        var loaded = HeadFile.Load(HeadFile.Save(fused, _directory));

        Assert.NotEqual(plain.Id, fused.Id);
        Assert.Equal((fused.Id, 0.5f, true), (loaded.Id, loaded.BackboneShare, loaded.IsFused));
        Assert.Equal((0f, false), (HeadFile.Load(HeadFile.Save(plain, _directory)).BackboneShare, plain.IsFused));
        var set = SyntheticSets.Clusters(3, 2, 8, 0.1, 5, withMirror: false);
        Assert.Equal(Embed(fused, set, 6), Embed(loaded, set, 6));
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void A_share_outside_zero_to_below_one_is_refused(float share)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Head(mirror: false).WithBackboneShare(share));
    }

    [Fact]
    public void An_ensemble_with_a_whitening_survives_the_file_and_averages_its_members_probabilities()
    {
        var set = SyntheticSets.Clusters(3, 40, 8, 0.3, 7, withMirror: false);
        var members = Enumerable.Range(1, 3).Select(seed => HeadTrainer.Train(set, new HeadTrainingOptions { Hidden = [12], Epochs = 3, BatchSize = 16, Seed = seed }).Network).ToArray();
        var whitening = Engine.Heads.Whitening.BackboneWhitening.FitFromPairs(set.Vectors, set.Count, set.Vectors, [.. set.Vectors.Select((v, i) => v + (0.05f * MathF.Sin(i)))], set.Count, 8);
        var ensemble = CategoryHead.Create("backbone-0123456789ab", ["a", "b", "c"], members, HeadLayer.RootProbabilities, false,
            new HeadTrainingSummary(), new HeadFusion(0.4f, whitening), new ClassCalibration(0.7f, [0.5f, 0, -0.25f]),
            new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        var loaded = HeadFile.Load(HeadFile.Save(ensemble, _directory));

        Assert.Equal((3, 8 + 3), (loaded.Members.Count, loaded.Dimension));
        Assert.Equal(whitening.Projection, loaded.Fusion.Whitening!.Projection);
        Assert.Equal(0.7f, loaded.Calibration.Temperature);
        Assert.Equal([0.5f, 0, -0.25f], loaded.Calibration.Offsets);
        var output = Embed(loaded, set, 6);
        Assert.Equal(Embed(ensemble, set, 6), output);

        // The class part is √(mean of the members' softmax((logits + offsets) / temperature)), scaled by √(1 − share).
        var workspace = new HeadWorkspace();
        var mean = new float[3];
        foreach (var member in members)
        {
            var p = new float[3];
            member.Represent(set.Vectors.AsSpan(0, 8), 1, HeadLayer.Logits, p, workspace);
            TensorPrimitives.Add(p, [0.5f, 0, -0.25f], p);
            TensorPrimitives.Divide(p, 0.7f, p);
            TensorPrimitives.SoftMax(p, p);
            TensorPrimitives.Add(mean, p, mean);
        }

        TensorPrimitives.Divide(mean, 3, mean);
        TensorPrimitives.Sqrt(mean, mean);
        TensorPrimitives.Divide(mean, TensorPrimitives.Norm(mean), mean);
        TensorPrimitives.Multiply(mean, MathF.Sqrt(0.6f), mean);
        Assert.Equal(mean, output.AsSpan(8, 3).ToArray(), new FloatComparer(1e-5f));
    }

    [Fact]
    public void An_ensemble_cannot_embed_with_a_hidden_layer()
    {
        var set = SyntheticSets.Clusters(3, 20, 8, 0.3, 7, withMirror: false);
        var members = Enumerable.Range(1, 2).Select(seed => HeadTrainer.Train(set, new HeadTrainingOptions { Hidden = [12], Epochs = 2, BatchSize = 16, Seed = seed }).Network).ToArray();

        Assert.Throws<ArgumentException>(() => CategoryHead.Create("backbone-0123456789ab", ["a", "b", "c"], members, HeadLayer.Hidden, false,
            new HeadTrainingSummary(), HeadFusion.None));
    }

    [Fact]
    public void Calibration_offsets_must_name_every_category()
    {
        var set = SyntheticSets.Clusters(3, 20, 8, 0.3, 7, withMirror: false);
        var network = HeadTrainer.Train(set, new HeadTrainingOptions { Hidden = [12], Epochs = 2, BatchSize = 16 }).Network;

        Assert.Throws<ArgumentException>(() => CategoryHead.Create("backbone-0123456789ab", ["a", "b", "c"], [network], HeadLayer.RootProbabilities, false,
            new HeadTrainingSummary(), HeadFusion.None, new ClassCalibration(1, [1f, 2f])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassCalibration(0, []));
    }

    private sealed class FloatComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }

    private static float[] Embed(CategoryHead head, HeadTrainingSet set, int rows)
    {
        var output = new float[rows * head.Dimension];
        head.Embed(set.Vectors.AsSpan(0, rows * 8), head.MirrorAtQuery ? set.Mirrored!.AsSpan(0, rows * 8) : [], rows, output, new HeadWorkspace());
        return output;
    }

    private static ReadOnlySpan<float> Row(float[] values, int width, int row) => values.AsSpan(row * width, width);

    private static CategoryHead Head(bool mirror)
    {
        var set = SyntheticSets.Clusters(3, 40, 8, 0.1, 7, withMirror: mirror);
        var result = HeadTrainer.Train(set, new HeadTrainingOptions { Hidden = [12], Epochs = 3, BatchSize = 16 });
        return CategoryHead.Create("backbone-0123456789ab", ["a", "b", "c"], result.Network, HeadLayer.Logits, mirror,
            new HeadTrainingSummary { Epochs = result.EpochsRun }, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    }
}
