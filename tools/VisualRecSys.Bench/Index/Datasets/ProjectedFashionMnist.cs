using System.Numerics.Tensors;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.LinearAlgebra;

namespace VisualRecSys.Bench.Index.Datasets;

/// <summary>
/// <c>fashion-mnist-projected</c>: a stand-in for a catalog of 240,000 image embeddings of 512 dimensions, made from
/// Fashion-MNIST so it has the cluster structure and near-duplicates of real product photos.
/// </summary>
/// <remarks>
/// <para>Exactly (pixels scaled to [0, 1]; all randomness from <see cref="SeededRandom"/> streams of the seed):</para>
/// <list type="bullet">
/// <item>base item i is train image i mod 60,000; copy 0 (i &lt; 60,000) as is; later copies shifted by a random
/// integer offset in [-2, 2]² other than (0, 0) (pixels shifted in are 0), plus N(0, 0.03²) pixel noise, clipped to [0, 1];</item>
/// <item>every vector is h = max(0, W(x − μ) + b + ε): W a dim × 784 matrix of N(0, 1/784) entries, b one shared
/// N(0, 0.05²) vector, ε fresh N(0, 0.01²) per vector, μ the mean train image;</item>
/// <item>queries are the test images (unshifted, noise-free) through the same map with their own ε.</item>
/// </list>
/// <para>
/// Stream 0 draws W then b; stream 1, index i, draws item i's offset, pixel noise and ε in that order; stream 2,
/// index j, query j's ε. Items are therefore independent of one another and of the thread that makes them.
/// </para>
/// </remarks>
internal static class ProjectedFashionMnist
{
    public const string Name = "fashion-mnist-projected";
    public const int DefaultCount = 240_000;
    public const int DefaultDimension = 512;
    public const float PixelNoiseSigma = 0.03f;
    public const float BiasSigma = 0.05f;
    public const float EpsilonSigma = 0.01f;

    private const int ParametersStream = 0;
    private const int ItemStream = 1;
    private const int QueryStream = 2;

    // Items per work item: enough that the matrix product runs in tiles of four, small enough to balance two cores.
    private const int ItemsPerChunk = 512;

    /// <summary>Generates the base (<paramref name="count"/> × <paramref name="dimension"/>) and the first <paramref name="queryCount"/> test images as queries.</summary>
    public static BenchDataset Generate(IdxImageSet train, IdxImageSet test, int count, int dimension, int queryCount, int seed, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(queryCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queryCount, test.Count);
        if (train.Count == 0 || train.Rows != test.Rows || train.Columns != test.Columns)
        {
            throw new ArgumentException("The train set must be non-empty and both sets must have images of the same size.", nameof(train));
        }

        var map = Map.Create(train, dimension, seed);
        var vectors = new float[(long)count * dimension];
        var queries = new float[(long)queryCount * dimension];
        Project(train, 0, count, map, ItemStream, seed, copiesAreDistorted: true, vectors, maxDegreeOfParallelism);
        Project(test, 0, queryCount, map, QueryStream, seed, copiesAreDistorted: false, queries, maxDegreeOfParallelism);
        return new BenchDataset(Name, new EmbeddingMatrix(Name, dimension, Enumerable.Range(0, count).ToArray(), vectors), queries, queryCount);
    }

    /// <summary>
    /// Base items <c>first</c> … <c>first + n − 1</c> exactly as <see cref="Generate"/> makes them, block by block: a
    /// catalog of millions is written without holding all its vectors (2M × 512 floats are 4 GB).
    /// </summary>
    internal sealed class ItemBlocks(IdxImageSet train, int dimension, int seed)
    {
        private readonly Map _map = Map.Create(train, dimension, seed);

        /// <summary>Floats per vector.</summary>
        public int Dimension => dimension;

        /// <summary>Writes items <paramref name="first"/> … into <paramref name="destination"/> (<paramref name="n"/> × <see cref="Dimension"/> floats).</summary>
        public void Generate(int first, int n, float[] destination, int maxDegreeOfParallelism = -1)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(first);
            ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, (long)n * dimension);
            Project(train, first, n, _map, ItemStream, seed, copiesAreDistorted: true, destination, maxDegreeOfParallelism);
        }
    }

    /// <summary>
    /// The pixels of base item <paramref name="item"/> before projection (scaled, shifted and noised as specified),
    /// leaving <paramref name="random"/> where the item's ε is drawn from.
    /// </summary>
    internal static void ItemPixels(IdxImageSet images, long item, ref SeededRandom random, Span<float> destination)
    {
        var image = images.Image((int)(item % images.Count));
        Span<float> scaled = stackalloc float[image.Length];
        Scale(image, scaled);
        if (item < images.Count)
        {
            scaled.CopyTo(destination);
            return;
        }

        var (dx, dy) = ImageShift.DrawOffset(ref random);
        ImageShift.Shift(scaled, images.Columns, images.Rows, dx, dy, destination);
        Span<float> noise = stackalloc float[image.Length];
        random.FillGaussian(noise, PixelNoiseSigma);
        TensorPrimitives.Add(destination, noise, destination);
        TensorPrimitives.Clamp(destination, 0f, 1f, destination);
    }

    /// <summary>Items <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 into <paramref name="output"/> from its start.</summary>
    private static void Project(IdxImageSet images, int start, int count, Map map, int stream, int seed, bool copiesAreDistorted, float[] output, int maxDegreeOfParallelism)
    {
        var pixels = images.Rows * images.Columns;
        var dimension = map.Dimension;
        var chunks = (count + ItemsPerChunk - 1) / ItemsPerChunk;
        // One work buffer per thread, not per chunk: 1.6 MB per chunk lands on the large object heap, which is only
        // collected now and then, so fresh buffers piled up to 3 GB of garbage at 1M items.
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => (Centred: new float[ItemsPerChunk * pixels], Randoms: new SeededRandom[ItemsPerChunk]), (chunk, _, buffers) =>
        {
            var first = chunk * ItemsPerChunk;
            var n = Math.Min(ItemsPerChunk, count - first);
            var centred = buffers.Centred.AsSpan(0, n * pixels);
            var randoms = buffers.Randoms;
            for (var i = 0; i < n; i++)
            {
                var item = start + first + i;
                randoms[i] = new SeededRandom(seed, stream, item);
                var x = centred.Slice(i * pixels, pixels);
                if (copiesAreDistorted)
                {
                    ItemPixels(images, item, ref randoms[i], x);
                }
                else
                {
                    Scale(images.Image(item), x);
                }

                TensorPrimitives.Subtract(x, map.Mean, x);
            }

            var h = output.AsSpan((int)((long)first * dimension), n * dimension);
            RowProducts.MultiplyByTransposed(centred, map.Weights, pixels, h);
            Span<float> epsilon = stackalloc float[dimension];
            for (var i = 0; i < n; i++)
            {
                var row = h.Slice(i * dimension, dimension);
                randoms[i].FillGaussian(epsilon, EpsilonSigma);
                TensorPrimitives.Add(row, map.Bias, row);
                TensorPrimitives.Add(row, epsilon, row);
                TensorPrimitives.Max(row, 0f, row);
            }

            return buffers;
        }, _ => { });
    }

    private static void Scale(ReadOnlySpan<byte> image, Span<float> destination)
    {
        for (var p = 0; p < image.Length; p++)
        {
            destination[p] = image[p] / 255f;
        }
    }

    /// <summary>The shared part of the map: W, b and μ.</summary>
    private sealed record Map(float[] Weights, float[] Bias, float[] Mean, int Dimension)
    {
        public static Map Create(IdxImageSet train, int dimension, int seed)
        {
            var pixels = train.Rows * train.Columns;
            var random = new SeededRandom(seed, ParametersStream, 0);
            var weights = new float[dimension * pixels];
            random.FillGaussian(weights, 1f / MathF.Sqrt(pixels));
            var bias = new float[dimension];
            random.FillGaussian(bias, BiasSigma);
            return new Map(weights, bias, MeanImage(train), dimension);
        }

        private static float[] MeanImage(IdxImageSet train)
        {
            var pixels = train.Rows * train.Columns;
            var sums = new long[pixels];
            var all = train.Pixels.Span;
            for (var i = 0; i < train.Count; i++)
            {
                var image = all.Slice(i * pixels, pixels);
                for (var p = 0; p < pixels; p++)
                {
                    sums[p] += image[p];
                }
            }

            return sums.Select(s => (float)(s / (255.0 * train.Count))).ToArray();
        }
    }
}
