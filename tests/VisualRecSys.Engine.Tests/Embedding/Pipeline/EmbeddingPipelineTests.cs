using System.Collections.Concurrent;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Embedding.Pipeline;

[Collection(ModelTests.Name)]
public sealed class EmbeddingPipelineTests(EmbedderFixture fixture) : IDisposable
{
    private readonly OnnxImageEmbedder _embedder = fixture.Embedder;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-pipeline-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary><paramref name="count"/> images with ids 100, 101, ..., cycling through the committed test images.</summary>
    private static ImageSource[] Images(int count)
    {
        var files = Directory.GetFiles(TestImages.Directory, "*.png").Order(StringComparer.Ordinal).ToArray();
        return [.. Enumerable.Range(0, count).Select(i => ImageSource.FromFile(100 + i, files[i % files.Length]))];
    }

    private EmbeddingStoreWriter OpenStore() => EmbeddingStoreWriter.Open(_directory, _embedder.ModelId, _embedder.Dimension);

    [Fact]
    public async Task Every_image_lands_in_the_store_with_the_vector_Embed_gives()
    {
        var images = Images(8);
        EmbeddingRunResult result;
        using (var store = OpenStore())
        {
            result = await new EmbeddingPipeline(_embedder, new EmbeddingPipelineOptions { MaxBatchSize = 3 }).RunAsync(images, store);
        }

        Assert.Equal((8, 0, 0), (result.Embedded, result.Skipped, result.Failures.Count));
        Assert.InRange(result.Batches, 3, 8);
        var stored = EmbeddingStore.TryLoad(_directory, _embedder.ModelId)!;
        Assert.Equal(images.Select(i => i.Id), stored.Ids.ToArray());
        var expected = new float[_embedder.Dimension];
        foreach (var image in images)
        {
            using (var stream = image.Open())
            using (var bytes = new MemoryStream())
            {
                stream.CopyTo(bytes);
                _embedder.Embed(bytes.ToArray(), expected);
            }

            Assert.True(stored.TryGetRow(image.Id, out var row));
            var actual = stored.Vector(row);
            for (var j = 0; j < expected.Length; j++)
            {
                Assert.True(Math.Abs(expected[j] - actual[j]) < 1e-3f, $"image {image.Id}, feature {j}: {expected[j]} vs {actual[j]}");
            }
        }
    }

    [Fact]
    public async Task A_corrupt_or_missing_image_is_reported_and_skipped()
    {
        var good = Images(5);
        ImageSource[] images =
        [
            good[0], good[1],
            ImageSource.FromBytes(7, new byte[] { 1, 2, 3 }),
            good[2],
            ImageSource.FromFile(8, Path.Combine(_directory, "no-such-image.png")),
            ImageSource.FromBytes(9, TestImages.Sneaker(0).AsMemory(0, 200)), // truncated PNG
            good[3], good[4],
        ];
        var reported = new ConcurrentBag<ImageFailure>();
        var progress = new List<EmbeddingProgress>();

        EmbeddingRunResult result;
        using (var store = OpenStore())
        {
            var pipeline = new EmbeddingPipeline(_embedder, new EmbeddingPipelineOptions { MaxBatchSize = 4, Failed = reported.Add });
            result = await pipeline.RunAsync(images, store, new SynchronousProgress<EmbeddingProgress>(progress.Add));
        }

        Assert.Equal(5, result.Embedded);
        Assert.Equal([7, 8, 9], result.Failures.Select(f => f.Id).Order());
        Assert.Equal([7, 8, 9], reported.Select(f => f.Id).Order());
        Assert.Contains("not an image", result.Failures.Single(f => f.Id == 7).Reason, StringComparison.Ordinal);
        Assert.Contains("cannot be read", result.Failures.Single(f => f.Id == 8).Reason, StringComparison.Ordinal);
        Assert.Equal((8, 8, 3), (progress[^1].Done, progress[^1].Total, progress[^1].Failed));
        Assert.Equal(good.Select(i => i.Id), EmbeddingStore.TryLoad(_directory, _embedder.ModelId)!.Ids.ToArray());
    }

    [Fact]
    public async Task A_cancelled_run_resumes_with_only_the_images_not_yet_stored()
    {
        var images = Images(12);
        using var cancel = new CancellationTokenSource();
        using (var store = OpenStore())
        {
            var pipeline = new EmbeddingPipeline(_embedder, new EmbeddingPipelineOptions { MaxBatchSize = 2 });

            // Cancel as soon as the first batch is stored.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                pipeline.RunAsync(images, store, new SynchronousProgress<EmbeddingProgress>(_ => cancel.Cancel()), cancel.Token));
        }

        int firstRun;
        using (var store = OpenStore())
        {
            firstRun = (int)store.Count;
        }

        Assert.InRange(firstRun, 2, 11);

        EmbeddingRunResult second;
        using (var store = OpenStore())
        {
            second = await new EmbeddingPipeline(_embedder, new EmbeddingPipelineOptions { MaxBatchSize = 2 }).RunAsync(images, store);
        }

        Assert.Equal(12 - firstRun, second.Embedded);
        Assert.Equal(firstRun, second.Skipped);
        var stored = EmbeddingStore.TryLoad(_directory, _embedder.ModelId)!;
        Assert.Equal(images.Select(i => i.Id), stored.Ids.ToArray());
        using var reader = EmbeddingStoreReader.TryOpen(_directory, _embedder.ModelId)!;
        Assert.Equal(12, reader.Count); // nothing embedded twice
    }

    [Fact]
    public async Task Progress_counts_up_with_a_rate_and_an_estimate()
    {
        var progress = new List<EmbeddingProgress>();
        using (var store = OpenStore())
        {
            await new EmbeddingPipeline(_embedder, new EmbeddingPipelineOptions { MaxBatchSize = 2 })
                .RunAsync(Images(6), store, new SynchronousProgress<EmbeddingProgress>(progress.Add));
        }

        Assert.True(progress.Count >= 3);
        Assert.Equal(progress.Select(p => p.Done).Order(), progress.Select(p => p.Done));
        Assert.All(progress, p => Assert.Equal(6, p.Total));
        Assert.All(progress, p => Assert.True(p.ImagesPerSecond > 0 && p.Remaining is not null));
        Assert.Equal((6, TimeSpan.Zero), (progress[^1].Done, progress[^1].Remaining));
    }

    [Fact]
    public async Task A_store_of_another_model_is_refused()
    {
        using var store = EmbeddingStoreWriter.Open(_directory, "resnet50-aaaaaaaaaaaa", _embedder.Dimension);

        var e = await Assert.ThrowsAsync<ModelMismatchException>(() => new EmbeddingPipeline(_embedder).RunAsync(Images(1), store));
        Assert.Equal(("resnet50-aaaaaaaaaaaa", _embedder.ModelId), (e.ExpectedModelId, e.ActualModelId));
        Assert.Equal(0, store.Count);
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
