namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>Helpers for trees of <see cref="SplitNode"/>.</summary>
public static class SplitTrees
{
    /// <summary>
    /// Undoes how <see cref="AnnoyFile.Write"/> stores a leaf too large for Annoy: every split with an all-zero normal and
    /// offset 0 whose sides are (after collapsing) leaves becomes one leaf holding the negative side's items, then the
    /// positive side's.
    /// </summary>
    /// <remarks>
    /// Such a split separates nothing (its margin is 0 for every vector). Annoy itself writes one, for angular indexes,
    /// when it finds no useful hyperplane; collapsing it is harmless for a forest that scans whole leaves.
    /// </remarks>
    /// <param name="root">The root of a tree.</param>
    /// <returns>The tree with those splits collapsed; unchanged subtrees are shared with <paramref name="root"/>.</returns>
    public static SplitNode CollapseZeroSplits(SplitNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var pending = new Stack<(SplitNode Node, bool ChildrenDone)>();
        var done = new Stack<SplitNode>();
        pending.Push((root, false));
        while (pending.TryPop(out var frame))
        {
            if (frame.Node is not SplitInner inner)
            {
                done.Push(frame.Node);
            }
            else if (!frame.ChildrenDone)
            {
                pending.Push((inner, true));
                pending.Push((inner.Positive, false));
                pending.Push((inner.Negative, false));
            }
            else
            {
                var positive = done.Pop();
                var negative = done.Pop();
                if (IsZeroSplit(inner) && negative is SplitLeaf first && positive is SplitLeaf second)
                {
                    done.Push(new SplitLeaf([.. first.Items, .. second.Items]));
                }
                else if (ReferenceEquals(negative, inner.Negative) && ReferenceEquals(positive, inner.Positive))
                {
                    done.Push(inner);
                }
                else
                {
                    done.Push(inner with { Negative = negative, Positive = positive });
                }
            }
        }

        return done.Pop();
    }

    private static bool IsZeroSplit(SplitInner inner) => inner.Offset == 0 && inner.Normal.All(value => value == 0);
}
