using VisualRecSys.Engine.Index.Annoy;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>Node-by-node comparison of trees (records compare arrays by reference, so their own equality will not do).</summary>
internal static class SplitTreeAssert
{
    public static void Equal(SplitNode expected, SplitNode actual)
    {
        var pending = new Stack<(SplitNode Expected, SplitNode Actual, string Path)>();
        pending.Push((expected, actual, "root"));
        while (pending.TryPop(out var pair))
        {
            switch (pair.Expected, pair.Actual)
            {
                case (SplitLeaf e, SplitLeaf a):
                    Assert.True(e.Items.SequenceEqual(a.Items), $"Leaf at {pair.Path}: expected [{string.Join(",", e.Items)}], got [{string.Join(",", a.Items)}].");
                    break;
                case (SplitInner e, SplitInner a):
                    Assert.True(Bits(e.Normal).SequenceEqual(Bits(a.Normal)), $"Normal at {pair.Path} differs.");
                    Assert.True(BitConverter.SingleToInt32Bits(e.Offset) == BitConverter.SingleToInt32Bits(a.Offset), $"Offset at {pair.Path}: {e.Offset} vs {a.Offset}.");
                    pending.Push((e.Negative, a.Negative, pair.Path + ".neg"));
                    pending.Push((e.Positive, a.Positive, pair.Path + ".pos"));
                    break;
                default:
                    Assert.Fail($"At {pair.Path}: expected a {pair.Expected.GetType().Name}, got a {pair.Actual.GetType().Name}.");
                    break;
            }
        }
    }

    public static IEnumerable<SplitNode> Nodes(SplitNode root)
    {
        var pending = new Stack<SplitNode>([root]);
        while (pending.TryPop(out var node))
        {
            yield return node;
            if (node is SplitInner inner)
            {
                pending.Push(inner.Positive);
                pending.Push(inner.Negative);
            }
        }
    }

    public static int[] Items(SplitNode root) => [.. Nodes(root).OfType<SplitLeaf>().SelectMany(leaf => leaf.Items)];

    private static IEnumerable<int> Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits);
}
