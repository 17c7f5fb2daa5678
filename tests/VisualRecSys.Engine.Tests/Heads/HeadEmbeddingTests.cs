using System.Diagnostics;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>A head run over stored backbone vectors into the head model's store.</summary>
public sealed class HeadEmbeddingTests : IDisposable
{
    private const int Dimension = 8;
    private readonly string _directory = Directory.CreateTempSubdirectory("vrs-head-embedding-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_store_holds_the_head_on_each_asked_products_backbone_vectors(bool mirror)
    {
        var head = HeadImageEmbedderTests.HeadOn(Dimension, mirror);
        var random = new Random(3);
        int[] ids = [10, 11, 12, 13, 14];
        var backbone = Matrix("backbone-0123456789ab", ids, random);
        var mirrored = mirror ? Matrix("backbone-0123456789ab.mirror", ids, random) : null;
        int[] asked = [13, 10, 14];
        var reports = new List<EmbeddingProgress>();

        int done;
        using (var store = EmbeddingStoreWriter.Open(_directory, head.Id, head.Dimension))
        {
            done = HeadEmbedding.Append(head, backbone, mirrored, asked, store, new SyncProgress(reports), Stopwatch.StartNew(), CancellationToken.None);
        }

        var stored = EmbeddingStore.TryLoad(_directory, head.Id);
        Assert.NotNull(stored);
        Assert.Equal(asked.Length, done);
        Assert.Equal([10, 13, 14], stored.Ids.ToArray().Order().ToArray());
        Assert.Equal(asked.Length, reports[^1].Done);
        foreach (var id in asked)
        {
            Assert.True(backbone.TryGetRow(id, out var row));
            var expected = new float[head.Dimension];
            head.Embed(backbone.Vector(row), mirrored is null ? [] : mirrored.Vector(row), 1, expected, new HeadWorkspace());
            Assert.True(stored.TryGetRow(id, out var storedRow));
            Assert.Equal(expected, stored.Vector(storedRow).ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
        }
    }

    [Fact]
    public void Cancelling_stops_before_the_next_batch()
    {
        var head = HeadImageEmbedderTests.HeadOn(Dimension, mirror: false);
        var backbone = Matrix("backbone-0123456789ab", [1, 2], new Random(5));
        using var store = EmbeddingStoreWriter.Open(_directory, head.Id, head.Dimension);

        Assert.Throws<OperationCanceledException>(() =>
            HeadEmbedding.Append(head, backbone, null, [1, 2], store, null, Stopwatch.StartNew(), new CancellationToken(canceled: true)));
    }

    private static EmbeddingMatrix Matrix(string modelId, int[] ids, Random random) =>
        new(modelId, Dimension, ids, [.. Enumerable.Range(0, ids.Length * Dimension).Select(_ => random.NextSingle())]);

    // Progress<T> posts to the thread pool; the test reads the reports right after the call.
    private sealed class SyncProgress(List<EmbeddingProgress> reports) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => reports.Add(value);
    }
}
