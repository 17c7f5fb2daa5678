using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Index.Datasets;

/// <summary><c>fashion-mnist-pixels</c>: the train images as 784-d vectors of pixel/255, the test images as queries.</summary>
internal static class FashionMnistPixels
{
    public const string Name = "fashion-mnist-pixels";

    /// <summary>The first <paramref name="count"/> train images and the first <paramref name="queryCount"/> test images.</summary>
    public static BenchDataset Create(IdxImageSet train, IdxImageSet test, int count, int queryCount)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, train.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queryCount, test.Count);
        var dimension = train.Rows * train.Columns;
        var vectors = Scale(train.Pixels.Span[..(count * dimension)]);
        var queries = Scale(test.Pixels.Span[..(queryCount * dimension)]);
        return new BenchDataset(Name, new EmbeddingMatrix(Name, dimension, Enumerable.Range(0, count).ToArray(), vectors), queries, queryCount);
    }

    private static float[] Scale(ReadOnlySpan<byte> pixels)
    {
        var result = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            result[i] = pixels[i] / 255f;
        }

        return result;
    }
}
