using System.Buffers.Binary;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>Reading a file made by real Annoy and writing it back gives Annoy's own bytes.</summary>
public sealed class AnnoyReexportTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> Fixtures => [.. AnnoyFixture.Names];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Writing_back_what_was_read_reproduces_Annoys_file(string name)
    {
        var fixture = AnnoyFixture.Load(name);
        var read = AnnoyFile.Read(fixture.AnnPath, fixture.Metric, fixture.Dimension);
        var path = _files.Path(name + ".ann");

        AnnoyFile.Write(path, fixture.Metric, fixture.Dimension, read.Count, read.Vector, read.Roots);

        var annoy = File.ReadAllBytes(fixture.AnnPath);
        var ours = File.ReadAllBytes(path);
        Assert.Equal(annoy.Length, ours.Length);
        var nodeSize = AnnoyFile.NodeSize(fixture.Metric, fixture.Dimension);
        if (fixture.Metric == DistanceMetric.Angular)
        {
            // An angular item keeps its squared norm in bytes 4-7. Annoy summed it with AVX-512 lanes for f > 15 (in order
            // below), this writer in order: compare those values loosely, everything else byte for byte.
            for (var item = 0; item < read.Count; item++)
            {
                var at = (item * nodeSize) + 4;
                var expected = BinaryPrimitives.ReadSingleLittleEndian(annoy.AsSpan(at));
                Assert.Equal(expected, BinaryPrimitives.ReadSingleLittleEndian(ours.AsSpan(at)), 1e-6f * expected);
                if (fixture.Dimension > 15)
                {
                    ours.AsSpan(at, 4).CopyTo(annoy.AsSpan(at, 4));
                }
            }
        }

        var firstDifference = annoy.AsSpan().CommonPrefixLength(ours);
        Assert.True(
            firstDifference == annoy.Length,
            $"First difference at byte {firstDifference}: node {firstDifference / nodeSize}, offset {firstDifference % nodeSize}.");
    }
}
