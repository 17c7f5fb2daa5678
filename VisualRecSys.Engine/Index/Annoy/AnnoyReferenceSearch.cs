namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>
/// Annoy's <c>get_nns_by_item</c> / <c>get_nns_by_vector</c> redone over an <see cref="AnnoyIndexFile"/>, step for step,
/// to show that trees read from a file made by Annoy lead to the neighbours Annoy itself returns.
/// </summary>
/// <remarks>
/// Annoy pops nodes from a max-priority queue of (priority, node index) seeded with every root at +∞. A leaf adds its
/// items to the candidates; a split with margin m queues children[1] at min(priority, m) and children[0] at
/// min(priority, −m). It stops once it holds search_k candidates (repeats included; search_k = −1 means n × trees),
/// then ranks the distinct candidates by (distance, id). Floating-point sums are in plain order here, while Annoy's use
/// SIMD lanes, so values may differ in the last bits.
/// </remarks>
internal static class AnnoyReferenceSearch
{
    public static IReadOnlyList<(int Item, float Distance)> ByItem(AnnoyIndexFile index, int item, int n, int searchK = -1) =>
        ByVector(index, index.Vector(item), n, searchK);

    public static IReadOnlyList<(int Item, float Distance)> ByVector(AnnoyIndexFile index, ReadOnlySpan<float> query, int n, int searchK = -1)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (searchK == -1)
        {
            searchK = n * index.Roots.Count;
        }

        // Annoy's std::priority_queue<pair<T, S>> pops the largest priority, then the largest node index.
        var queue = new PriorityQueue<SplitNode, (float Priority, long Tie)>(
            Comparer<(float Priority, long Tie)>.Create((a, b) => a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority) : b.Tie.CompareTo(a.Tie)));
        long sequence = 0;
        long Tie(SplitNode node) => index.NodeIndices is { } indices ? indices[node] : --sequence;

        foreach (var root in index.Roots)
        {
            queue.Enqueue(root, (float.PositiveInfinity, Tie(root)));
        }

        var candidates = new List<int>();
        while (candidates.Count < searchK && queue.TryDequeue(out var node, out var key))
        {
            if (node is SplitLeaf leaf)
            {
                candidates.AddRange(leaf.Items);
                continue;
            }

            var inner = (SplitInner)node;
            var margin = inner.Offset + Dot(inner.Normal, query);
            queue.Enqueue(inner.Positive, (Min(key.Priority, margin), Tie(inner.Positive)));
            queue.Enqueue(inner.Negative, (Min(key.Priority, -margin), Tie(inner.Negative)));
        }

        var missing = index.MissingItems.ToHashSet();
        var ranked = new List<(float Distance, int Item)>();
        foreach (var item in candidates.Distinct())
        {
            // Annoy skips ids that were never added (its #284 guard).
            if (!missing.Contains(item))
            {
                ranked.Add((Distance(index, query, index.Vector(item)), item));
            }
        }

        ranked.Sort();
        return [.. ranked.Take(n).Select(r => (r.Item, MathF.Sqrt(Math.Max(r.Distance, 0f))))];
    }

    // std::min(a, b) is (b < a) ? b : a.
    private static float Min(float a, float b) => b < a ? b : a;

    /// <summary>Annoy's squared distance: 2 − 2 cos for angular (2 if a vector is zero), squared L2 for Euclidean.</summary>
    private static float Distance(AnnoyIndexFile index, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (index.Metric == DistanceMetric.Angular)
        {
            var ppqq = Dot(x, x) * Dot(y, y);
            // As in annoylib.h: float operands, double constants, the result rounded to float.
            return ppqq > 0 ? (float)(2.0 - (2.0 * Dot(x, y) / MathF.Sqrt(ppqq))) : 2f;
        }

        var sum = 0f;
        for (var i = 0; i < x.Length; i++)
        {
            var difference = x[i] - y[i];
            sum += difference * difference;
        }

        return sum;
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var sum = 0f;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
