using System.Diagnostics;
using System.Globalization;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;

namespace VisualRecSys.Web.Cli.Bench.Datasets;

/// <summary>
/// <c>fashion-mnist-resnet18</c>: the Fashion-MNIST images as ResNet18 embeddings (each 28 × 28 image encoded as a
/// PNG and embedded like a catalog image). Embedding 70,000 images takes a quarter of an hour on two cores, so the
/// vectors are cached in <c>&lt;data-dir&gt;/bench/fashion-mnist-resnet18.{train,test}.f32</c> (with <c>.ids</c>,
/// <see cref="EmbeddingStore"/> format). A cache holds a prefix of the images and is extended when more are asked
/// for; it is saved every few thousand images, so an interrupted run resumes where it stopped.
/// </summary>
internal sealed class FashionMnistResNet18(IImageEmbedder embedder, string cacheDirectory, TextWriter log)
{
    public const string Name = "fashion-mnist-resnet18";

    private const int ChunkImages = 256;
    private const int SaveEveryImages = 4096;

    public BenchDataset Load(IdxImageSet train, IdxImageSet test, int count, int queryCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, train.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queryCount, test.Count);
        var vectors = EmbedPrefix(Name + ".train", train, count, ct);
        var queries = EmbedPrefix(Name + ".test", test, queryCount, ct);
        return new BenchDataset(Name, new EmbeddingMatrix(Name, embedder.Dimension, Enumerable.Range(0, count).ToArray(), vectors), queries, queryCount);
    }

    /// <summary>The embeddings of the first <paramref name="needed"/> images, from the cache and the embedder.</summary>
    private float[] EmbedPrefix(string cacheId, IdxImageSet images, int needed, CancellationToken ct)
    {
        var dimension = embedder.Dimension;
        var cached = EmbeddingStore.TryLoad(cacheDirectory, cacheId);
        if (cached is not null && cached.Dimension != dimension)
        {
            throw new InvalidDataException($"The cached '{cacheId}' vectors have {cached.Dimension} dimensions, the embedder {dimension}; delete them from {cacheDirectory}.");
        }

        var have = cached?.Count ?? 0;
        var vectors = new float[(long)Math.Max(needed, have) * dimension];
        cached?.Vectors.Span.CopyTo(vectors);
        if (have >= needed)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Using {needed:N0} cached embeddings from {Path.Combine(cacheDirectory, cacheId)}.f32"));
            return vectors[..(needed * dimension)];
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Embedding {needed - have:N0} images for {cacheId} with {embedder.ModelId} on {embedder.Provider.Name} ({have:N0} cached)..."));
        var clock = Stopwatch.StartNew();
        var done = have;
        var lastSave = have;
        while (done < needed)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(ChunkImages, needed - done);
            var pngs = new List<ReadOnlyMemory<byte>>(n);
            for (var i = 0; i < n; i++)
            {
                pngs.Add(ImagePreprocessor.EncodePng(images.Image(done + i), images.Columns, images.Rows));
            }

            embedder.EmbedBatch(pngs, vectors.AsSpan(done * dimension, n * dimension));
            done += n;
            if (done - lastSave >= SaveEveryImages || done == needed)
            {
                Save(cacheId, vectors, done, dimension);
                lastSave = done;
            }

            var rate = (done - have) / clock.Elapsed.TotalSeconds;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {done:N0}/{needed:N0} images, {rate:F1} images/s, about {TimeSpan.FromSeconds((needed - done) / rate):mm\\:ss} left"));
        }

        return vectors;
    }

    private void Save(string cacheId, float[] vectors, int count, int dimension) =>
        EmbeddingStore.Save(new EmbeddingMatrix(cacheId, dimension, Enumerable.Range(0, count).ToArray(), vectors[..(count * dimension)]), cacheDirectory);
}
