namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// Structural checks of an opened forest: every reference in range, so a file that passes its checksum but was
/// crafted (or written by a buggy build) cannot make a query read outside the mapping.
/// </summary>
internal static class ForestValidation
{
    public static void CheckStructure(ForestData data, string path)
    {
        var inner = data.InnerCount;
        var leaves = data.LeafCount;
        bool ValidRef(int reference) => NodeRef.IsLeaf(reference) ? NodeRef.LeafIndex(reference) < leaves : reference < inner;

        foreach (var root in data.Roots.Span)
        {
            if (!ValidRef(root))
            {
                throw Corrupt(path, "a tree root points outside the index");
            }
        }

        foreach (var child in data.Children.Span)
        {
            if (!ValidRef(child))
            {
                throw Corrupt(path, "a split node points outside the index");
            }
        }

        var starts = data.LeafStarts.Span;
        var items = data.LeafItems.Span;
        if (starts[0] != 0 || starts[^1] != items.Length)
        {
            throw Corrupt(path, "the leaf table does not cover the leaf items");
        }

        for (var i = 1; i < starts.Length; i++)
        {
            if (starts[i] < starts[i - 1])
            {
                throw Corrupt(path, "the leaf table is not ordered");
            }
        }

        var count = (uint)data.Count;
        foreach (var row in items)
        {
            if ((uint)row >= count)
            {
                throw Corrupt(path, "a leaf holds a row outside the index");
            }
        }
    }

    private static InvalidDataException Corrupt(string path, string problem) => new($"'{path}' is corrupt: {problem}.");
}
