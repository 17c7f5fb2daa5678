using System.Diagnostics;
using System.Globalization;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Index.Datasets;

/// <summary>
/// <c>fashion-mnist-resnet18</c>: the Fashion-MNIST images as ResNet18 embeddings (each 28 × 28 image encoded as a
/// PNG and embedded like a catalog image). Embedding 70,000 images takes a quarter of an hour on two cores, so the
/// vectors are cached in <c>&lt;data-dir&gt;/bench/fashion-mnist-resnet18.{train,test}.&lt;model id&gt;.vecs</c> (embedding stores).
/// A cache holds a prefix of the images and is extended by appending when more are asked for; it is committed every
/// few thousand images, so an interrupted run resumes where it stopped.
/// </summary>
internal sealed class FashionMnistResNet18(IImageEmbedder embedder, string cacheDirectory, TextWriter log)
{
    public const string Name = "fashion-mnist-resnet18";

    private const int ChunkImages = 256;
    private const int CommitEveryImages = 4096;

    public BenchDataset Load(IdxImageSet train, IdxImageSet test, int count, int queryCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, train.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queryCount, test.Count);
        var vectors = EmbedPrefix(Name + ".train", train, count, ct);
        var queries = EmbedPrefix(Name + ".test", test, queryCount, ct);
        return new BenchDataset(Name, new EmbeddingMatrix(Name, embedder.Dimension, Enumerable.Range(0, count).ToArray(), vectors), queries, queryCount);
    }

    /// <summary>The embeddings of the first <paramref name="needed"/> images, from the cache and the embedder.</summary>
    private float[] EmbedPrefix(string cacheName, IdxImageSet images, int needed, CancellationToken ct)
    {
        // The cache is an embedding store per model (its id in the name): vectors of another model or preprocessing are never reused.
        var cacheId = $"{cacheName}.{embedder.ModelId}";
        var dimension = embedder.Dimension;
        using var cache = EmbeddingStoreWriter.Open(cacheDirectory, cacheId, dimension);
        var have = PrefixLength(cache);
        var vectors = new float[(long)Math.Max(needed, have) * dimension];
        if (have > 0)
        {
            using var reader = EmbeddingStoreReader.TryOpen(cacheDirectory, cacheId)!;
            for (var row = 0; row < reader.Count; row++)
            {
                if (reader.Ids[row] < have)
                {
                    reader.Vector(row).CopyTo(vectors.AsSpan(reader.Ids[row] * dimension, dimension));
                }
            }
        }

        if (have >= needed)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Using {needed:N0} cached embeddings from {cache.Path}"));
            return vectors[..(needed * dimension)];
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Embedding {needed - have:N0} images for {cacheName} with {embedder.ModelId} on {embedder.Provider.Name} ({have:N0} cached)..."));
        var clock = Stopwatch.StartNew();
        var done = have;
        var lastCommit = have;
        while (done < needed)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(ChunkImages, needed - done);
            var pngs = new List<ReadOnlyMemory<byte>>(n);
            for (var i = 0; i < n; i++)
            {
                pngs.Add(ImagePreprocessor.EncodePng(images.Image(done + i), images.Columns, images.Rows));
            }

            var chunk = vectors.AsSpan(done * dimension, n * dimension);
            embedder.EmbedBatch(pngs, chunk);

            // Appended, not rewritten: the cache grows by one block per chunk.
            cache.Append(Enumerable.Range(done, n).ToArray(), chunk);
            done += n;
            if (done - lastCommit >= CommitEveryImages || done == needed)
            {
                cache.Commit();
                lastCommit = done;
            }

            var rate = (done - have) / clock.Elapsed.TotalSeconds;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {done:N0}/{needed:N0} images, {rate:F1} images/s, about {TimeSpan.FromSeconds((needed - done) / rate):mm\\:ss} left"));
        }

        return vectors;
    }

    /// <summary>How many images from image 0 on the cache holds without a gap (an interrupted run may have stored a later chunk only partly).</summary>
    private static int PrefixLength(EmbeddingStoreWriter cache)
    {
        var length = 0;
        while (cache.Contains(length))
        {
            length++;
        }

        return length;
    }
}
