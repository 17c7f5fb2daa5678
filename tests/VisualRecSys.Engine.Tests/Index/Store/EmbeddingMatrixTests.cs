using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Index.Store;

public sealed class EmbeddingMatrixTests
{
    [Fact]
    public void Exposes_rows_and_ids()
    {
        var matrix = new EmbeddingMatrix("m", 2, [7, 3], [1, 2, 3, 4]);

        Assert.Equal(("m", 2, 2), (matrix.ModelId, matrix.Dimension, matrix.Count));
        Assert.Equal([7, 3], matrix.Ids.ToArray());
        Assert.Equal([3f, 4f], matrix.Vector(1).ToArray());
        Assert.Equal(4, matrix.Vectors.Length);
        Assert.True(matrix.TryGetRow(3, out var row) && row == 1);
        Assert.False(matrix.TryGetRow(4, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Vector(2));
    }

    [Fact]
    public void Copies_the_vectors_of_ids_in_the_order_asked()
    {
        var matrix = new EmbeddingMatrix("m", 2, [7, 3, 9], [1, 2, 3, 4, 5, 6]);
        var destination = new float[4];

        matrix.CopyVectors([9, 7], destination);

        Assert.Equal([5f, 6f, 1f, 2f], destination);
        var ex = Assert.Throws<KeyNotFoundException>(() => matrix.CopyVectors([4], destination));
        Assert.Contains("Product 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_inconsistent_input()
    {
        Assert.Throws<ArgumentException>(() => new EmbeddingMatrix("m", 2, [1, 2], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => new EmbeddingMatrix("m", 2, [1, 1], [1, 2, 3, 4]));
        Assert.Throws<ArgumentException>(() => new EmbeddingMatrix("m", 2, [1, 2], [1, float.NaN, 3, 4]));
        Assert.Throws<ArgumentException>(() => new EmbeddingMatrix("m", 2, [1, 2], [1, float.PositiveInfinity, 3, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingMatrix("m", 0, [], []));
        Assert.Throws<ArgumentException>(() => new EmbeddingMatrix(" ", 2, [], []));
    }
}
