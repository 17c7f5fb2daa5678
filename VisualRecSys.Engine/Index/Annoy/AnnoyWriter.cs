using System.Buffers.Binary;

namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>
/// Lays trees out the way Annoy's <c>build()</c> does: the items first (node i is item i), then each tree children
/// before parents (the smaller side first) with its root last, then a copy of every root, which is how Annoy's
/// <c>load()</c> finds the roots.
/// </summary>
/// <remarks>
/// What Annoy cannot express is rewritten so that its search still reaches every item:
/// <list type="bullet">
/// <item>a subtree of at most K = f + 2 items becomes one leaf (Annoy reads any such node as a leaf);</item>
/// <item>a leaf of more than K items becomes a balanced tree of zero-normal splits, see <see cref="AnnoyFile.Write"/>;</item>
/// <item>a split with an empty side is replaced by its other side (an empty side would hold no item, and a
/// non-root node holding every item would be taken for a root).</item>
/// </list>
/// </remarks>
internal sealed class AnnoyWriter
{
    private readonly AnnoyLayout _layout;
    private readonly Stream _output;
    private readonly TreeCounts _counts;
    private readonly byte[] _node;
    private readonly float[] _zeroNormal;
    private int _nodeCount;

    private AnnoyWriter(AnnoyLayout layout, Stream output, TreeCounts counts)
    {
        _layout = layout;
        _output = output;
        _counts = counts;
        _node = new byte[layout.NodeSize];
        _zeroNormal = new float[layout.Dimension];
    }

    /// <summary>Writes the whole file to <paramref name="output"/>; the arguments must already be checked.</summary>
    public static void Write(
        Stream output, AnnoyLayout layout, int itemCount, Func<int, ReadOnlySpan<float>> itemVector, IReadOnlyList<SplitNode> roots, TreeCounts counts)
    {
        var writer = new AnnoyWriter(layout, output, counts);
        for (var item = 0; item < itemCount; item++)
        {
            var vector = itemVector(item);
            if (vector.Length != layout.Dimension)
            {
                throw new ArgumentException($"The vector of item {item} has {vector.Length} values; the dimension is {layout.Dimension}.", nameof(itemVector));
            }

            if (!System.Numerics.Tensors.TensorPrimitives.IsFiniteAll(vector))
            {
                throw new ArgumentException($"The vector of item {item} holds NaN or infinite values; Annoy files need finite values.", nameof(itemVector));
            }

            writer.WriteItem(vector);
        }

        var rootCopies = new List<byte[]>(roots.Count);
        foreach (var root in roots)
        {
            writer.WriteTree(root);
            rootCopies.Add((byte[])writer._node.Clone());
        }

        foreach (var copy in rootCopies)
        {
            writer.Append(copy);
        }
    }

    /// <summary>
    /// Writes a tree children first, the side with fewer items before the other (the negative one on a tie), root
    /// last: the order of Annoy's <c>_make_tree</c>. Annoy breaks ties between search priorities by node index, so
    /// numbering nodes as it does makes an exported Annoy index answer exactly as the original.
    /// </summary>
    private void WriteTree(SplitNode tree)
    {
        var root = Prune(tree);
        // Explicit stacks rather than recursion: trees from elsewhere may be deep.
        var pending = new Stack<(SplitNode Node, bool ChildrenDone, bool PositiveFirst)>();
        var written = new Stack<int>();
        pending.Push((root, false, false));
        while (pending.TryPop(out var frame))
        {
            if (frame.Node is not SplitInner inner || _counts[inner] <= _layout.LeafCapacity)
            {
                written.Push(WriteRange(Items(frame.Node), isRoot: ReferenceEquals(frame.Node, root)));
            }
            else if (!frame.ChildrenDone)
            {
                var positiveFirst = _counts[inner.Negative] > _counts[inner.Positive];
                pending.Push((inner, true, positiveFirst));
                pending.Push((Prune(positiveFirst ? inner.Negative : inner.Positive), false, false));
                pending.Push((Prune(positiveFirst ? inner.Positive : inner.Negative), false, false));
            }
            else
            {
                var second = written.Pop();
                var first = written.Pop();
                var (negative, positive) = frame.PositiveFirst ? (second, first) : (first, second);
                // A root's count is the item count, which is what Annoy marks roots by.
                written.Push(WriteSplit(inner.Normal, inner.Offset, negative, positive, _counts[inner]));
            }
        }
    }

    /// <summary>
    /// Writes items as one leaf, or, past K items, as zero-normal splits over two halves: their margin is 0 for every
    /// query, so Annoy's search queues both halves with the same priority and reaches all the items.
    /// </summary>
    private int WriteRange(ReadOnlySpan<int> items, bool isRoot)
    {
        if (items.Length <= _layout.LeafCapacity)
        {
            // A lone item is referenced directly, as Annoy does; only a root needs a node of its own.
            return items.Length == 1 && !isRoot ? items[0] : WriteLeaf(items);
        }

        // The smaller half (negative) first, as in WriteTree.
        var half = items.Length / 2;
        var negative = WriteRange(items[..half], isRoot: false);
        var positive = WriteRange(items[half..], isRoot: false);
        return WriteSplit(_zeroNormal, 0f, negative, positive, items.Length);
    }

    private SplitNode Prune(SplitNode node)
    {
        while (node is SplitInner inner && (_counts[inner.Negative] == 0 || _counts[inner.Positive] == 0))
        {
            node = _counts[inner.Negative] == 0 ? inner.Positive : inner.Negative;
        }

        return node;
    }

    /// <summary>The items under <paramref name="node"/>, negative side first.</summary>
    private int[] Items(SplitNode node)
    {
        if (node is SplitLeaf leaf)
        {
            return leaf.Items;
        }

        var items = new List<int>(_counts[node]);
        var pending = new Stack<SplitNode>();
        pending.Push(node);
        while (pending.TryPop(out var next))
        {
            if (next is SplitInner inner)
            {
                pending.Push(inner.Positive);
                pending.Push(inner.Negative);
            }
            else
            {
                items.AddRange(((SplitLeaf)next).Items);
            }
        }

        return [.. items];
    }

    private void WriteItem(ReadOnlySpan<float> vector)
    {
        Array.Clear(_node);
        var node = _node.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(node, 1);
        if (_layout.Metric == DistanceMetric.Angular)
        {
            // Annoy keeps an item's squared norm where an inner node has children[0] (a union); 0 would make it
            // recompute the norm on every distance, so store it as Annoy's add_item does, summed in float in order
            // like its scalar dot (its SIMD builds may differ in the last bit).
            var squaredNorm = 0f;
            foreach (var value in vector)
            {
                squaredNorm += value * value;
            }

            BinaryPrimitives.WriteSingleLittleEndian(node[_layout.ChildrenField..], squaredNorm);
        }

        WriteVector(node[_layout.VectorField..], vector);
        Append(_node);
    }

    private int WriteLeaf(ReadOnlySpan<int> items)
    {
        Array.Clear(_node);
        var node = _node.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(node, items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(node[(_layout.ChildrenField + (4 * i))..], items[i]);
        }

        return Append(_node);
    }

    private int WriteSplit(float[] normal, float offset, int negative, int positive, int descendants)
    {
        Array.Clear(_node);
        var node = _node.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(node, descendants);
        if (_layout.OffsetField >= 0)
        {
            BinaryPrimitives.WriteSingleLittleEndian(node[_layout.OffsetField..], offset);
        }

        BinaryPrimitives.WriteInt32LittleEndian(node[_layout.ChildrenField..], negative);
        BinaryPrimitives.WriteInt32LittleEndian(node[(_layout.ChildrenField + 4)..], positive);
        WriteVector(node[_layout.VectorField..], normal);
        return Append(_node);
    }

    private static void WriteVector(Span<byte> destination, ReadOnlySpan<float> vector)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], vector[i]);
        }
    }

    private int Append(byte[] node)
    {
        if (_nodeCount == int.MaxValue)
        {
            throw new InvalidOperationException("The trees need more nodes than Annoy's 32-bit node indices can address.");
        }

        _output.Write(node);
        return _nodeCount++;
    }
}
