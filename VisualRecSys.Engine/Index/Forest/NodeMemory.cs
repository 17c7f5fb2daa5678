namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// Where a forest's nodes and leaves live, for asking for them ahead of use. At millions of rows none of it stays in
/// cache, and a query's descent is a chain of dependent reads: fetched only when needed, each costs a full memory trip.
/// </summary>
internal readonly unsafe struct NodeMemory(float* normals, int split, float* offsets, int* children, int* leafStarts, int* leafItems)
{
    /// <summary>Asks for what visiting <paramref name="node"/> reads first: an inner node's normal, offset and children, a leaf's table entry.</summary>
    public void Prefetch(int node)
    {
        if (NodeRef.IsLeaf(node))
        {
            CacheLines.Prefetch(leafStarts + NodeRef.LeafIndex(node), 2 * sizeof(int));
            return;
        }

        CacheLines.Prefetch(normals + ((long)node * split), split * sizeof(float));
        CacheLines.Prefetch(children + (2L * node), 2 * sizeof(int));
        if (offsets != null)
        {
            CacheLines.Prefetch(offsets + node, sizeof(float));
        }
    }

    /// <summary>Asks for a leaf's rows; its table entry must have been asked for a while before (it is read here).</summary>
    public void PrefetchRows(int leaf)
    {
        var start = leafStarts[leaf];
        CacheLines.Prefetch(leafItems + start, (leafStarts[leaf + 1] - start) * sizeof(int));
    }
}
