namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>
/// Checks trees before they are written and remembers how many items each node holds (Annoy stores that count,
/// n_descendants, in every node).
/// </summary>
internal sealed class TreeCounts
{
    private readonly Dictionary<SplitNode, int> _counts = new(ReferenceEqualityComparer.Instance);

    private TreeCounts()
    {
    }

    public int this[SplitNode node] => _counts[node];

    /// <exception cref="ArgumentException">A tree is malformed, or does not hold every item exactly once.</exception>
    public static TreeCounts Check(IReadOnlyList<SplitNode> roots, AnnoyLayout layout, int itemCount)
    {
        var counts = new TreeCounts();
        // seenInTree[item] == tree + 1 once the item was met in that tree: no clearing between trees.
        var seenInTree = new int[itemCount];
        for (var tree = 0; tree < roots.Count; tree++)
        {
            var problem = roots[tree] is { } root
                ? counts.CheckTree(root, tree, layout, seenInTree)
                : $"Tree {tree} is null.";
            if (problem is null && counts[roots[tree]] != itemCount)
            {
                problem = $"Tree {tree} holds {counts[roots[tree]]} of the {itemCount} items; every Annoy tree holds every item "
                    + "(its root's n_descendants is the item count).";
            }

            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(roots));
            }
        }

        return counts;
    }

    /// <returns>What is wrong with the tree, or <see langword="null"/>.</returns>
    private string? CheckTree(SplitNode root, int tree, AnnoyLayout layout, int[] seenInTree)
    {
        var pending = new Stack<(SplitNode Node, int Depth, bool ChildrenDone)>();
        pending.Push((root, 0, false));
        while (pending.TryPop(out var frame))
        {
            switch (frame.Node)
            {
                case SplitLeaf leaf:
                    if (CheckLeaf(leaf, tree, frame.Depth, layout, seenInTree) is { } leafProblem)
                    {
                        return leafProblem;
                    }

                    _counts[leaf] = leaf.Items.Length;
                    break;
                case SplitInner inner when frame.ChildrenDone:
                    _counts[inner] = _counts[inner.Negative] + _counts[inner.Positive];
                    break;
                case SplitInner inner:
                    if (CheckSplit(inner, tree, layout) is { } splitProblem)
                    {
                        return splitProblem;
                    }

                    pending.Push((inner, frame.Depth, true));
                    pending.Push((inner.Positive, frame.Depth + 1, false));
                    pending.Push((inner.Negative, frame.Depth + 1, false));
                    break;
                default:
                    return $"Tree {tree} holds a {frame.Node?.GetType().Name ?? "null"} node; only {nameof(SplitInner)} and {nameof(SplitLeaf)} are known.";
            }
        }

        return null;
    }

    private static string? CheckLeaf(SplitLeaf leaf, int tree, int depth, AnnoyLayout layout, int[] seenInTree)
    {
        if (leaf.Items is null)
        {
            return $"A leaf of tree {tree} has no item array.";
        }

        // An oversized leaf is written as zero-normal splits, which add levels below it.
        var written = depth;
        for (var size = leaf.Items.Length; size > layout.LeafCapacity; size = (size + 1) / 2)
        {
            written++;
        }

        if (written > AnnoyFile.MaxTreeDepth)
        {
            return $"Tree {tree} would be {written} levels deep once written; at most {AnnoyFile.MaxTreeDepth} are read back.";
        }

        foreach (var item in leaf.Items)
        {
            if ((uint)item >= (uint)seenInTree.Length)
            {
                return $"A leaf of tree {tree} holds item {item}, outside 0..{seenInTree.Length - 1}.";
            }

            if (seenInTree[item] == tree + 1)
            {
                return $"Item {item} appears more than once in tree {tree}.";
            }

            seenInTree[item] = tree + 1;
        }

        return null;
    }

    private static string? CheckSplit(SplitInner inner, int tree, AnnoyLayout layout)
    {
        if (inner.Negative is null || inner.Positive is null || inner.Normal is null)
        {
            return $"A split of tree {tree} lacks a child or its normal.";
        }

        if (inner.Normal.Length != layout.Dimension)
        {
            return $"A split normal of tree {tree} has {inner.Normal.Length} values; the dimension is {layout.Dimension}.";
        }

        if (!float.IsFinite(inner.Offset) || !System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(inner.Normal))
        {
            return $"A split of tree {tree} holds NaN or infinite values; Annoy files need finite values.";
        }

        if (layout.Metric == DistanceMetric.Angular && inner.Offset != 0)
        {
            return $"A split of tree {tree} has offset {inner.Offset}, but Annoy's angular splits pass through the origin "
                + "(margin = dot(normal, x)); angular trees must have offset 0.";
        }

        return null;
    }
}
