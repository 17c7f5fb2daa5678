using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>What AnnoyFile.Write refuses, and that it then leaves no file behind.</summary>
public sealed class AnnoyWriterValidationTests : IDisposable
{
    private static readonly float[] s_vectors = [1, 0, 0, 1, -1, 0, 0, -1, 1, 1, -1, -1];
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static ReadOnlySpan<float> Vector(int item) => s_vectors.AsSpan(item * 2, 2);

    private static SplitInner Tree(float offset = 0f, float[]? normal = null) =>
        new(normal ?? [1f, 0f], offset, new SplitLeaf([0, 2, 4]), new SplitLeaf([1, 3, 5]));

    private string Write(DistanceMetric metric, IReadOnlyList<SplitNode> roots, int itemCount = 6, Func<int, ReadOnlySpan<float>>? vector = null)
    {
        var path = _files.Path("refused.ann");
        AnnoyFile.Write(path, metric, 2, itemCount, vector ?? Vector, roots);
        return path;
    }

    [Fact]
    public void Dot_is_not_supported_for_writing_or_reading()
    {
        var write = Assert.Throws<NotSupportedException>(() => Write(DistanceMetric.Dot, [Tree()]));
        var read = Assert.Throws<NotSupportedException>(() => AnnoyFile.Read(_files.Path("any.ann"), DistanceMetric.Dot, 2));

        Assert.Contains("Angular and Euclidean", write.Message, StringComparison.Ordinal);
        Assert.Equal(write.Message, read.Message);
    }

    [Fact]
    public void An_angular_split_must_pass_through_the_origin()
    {
        var error = Assert.Throws<ArgumentException>(() => Write(DistanceMetric.Angular, [Tree(offset: 0.5f)]));

        Assert.Contains("offset 0.5", error.Message, StringComparison.Ordinal);
        // The same tree is fine for Euclidean, where the offset is stored.
        Write(DistanceMetric.Euclidean, [Tree(offset: 0.5f)]);
    }

    public static TheoryData<SplitNode, string> BadTrees => new()
    {
        { new SplitInner([1f, 0f], 0f, new SplitLeaf([0, 2, 4]), new SplitLeaf([1, 3])), "holds 5 of the 6 items" },
        { new SplitInner([1f, 0f], 0f, new SplitLeaf([0, 2, 4, 5]), new SplitLeaf([1, 3, 5])), "Item 5 appears more than once in tree 0" },
        { new SplitInner([1f, 0f], 0f, new SplitLeaf([0, 2, 4]), new SplitLeaf([1, 3, 6])), "holds item 6, outside 0..5" },
        { Tree(normal: [1f, 0f, 0f]), "has 3 values; the dimension is 2" },
        { Tree(normal: [float.NaN, 0f]), "NaN or infinite" },
    };

    [Theory]
    [MemberData(nameof(BadTrees))]
    public void Malformed_trees_are_refused_with_the_reason(SplitNode tree, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => Write(DistanceMetric.Euclidean, [tree]));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("roots", error.ParamName);
        Assert.Empty(Directory.GetFiles(_files.Directory));
    }

    [Fact]
    public void Bad_item_vectors_are_refused_and_leave_no_file()
    {
        var wrongLength = Assert.Throws<ArgumentException>(() => Write(DistanceMetric.Euclidean, [Tree()], vector: item => s_vectors.AsSpan(item, 3)));
        var infinite = Assert.Throws<ArgumentException>(
            () => Write(DistanceMetric.Euclidean, [Tree()], vector: item => item == 4 ? [float.PositiveInfinity, 0f] : Vector(item)));

        Assert.Contains("item 0 has 3 values", wrongLength.Message, StringComparison.Ordinal);
        Assert.Contains("item 4 holds NaN or infinite", infinite.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_files.Directory));
    }

    [Fact]
    public void At_least_one_tree_and_one_item_are_needed()
    {
        Assert.Throws<ArgumentException>(() => Write(DistanceMetric.Angular, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(DistanceMetric.Angular, [new SplitLeaf([])], itemCount: 0));
    }
}
