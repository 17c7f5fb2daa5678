namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// A child or root reference packed in one int: a non-negative value is an inner (split) node,
/// a negative value is a leaf (<c>~leafIndex</c>). One int keeps node records fixed-size and mappable.
/// </summary>
internal static class NodeRef
{
    public static int Leaf(int leafIndex) => ~leafIndex;

    public static bool IsLeaf(int reference) => reference < 0;

    public static int LeafIndex(int reference) => ~reference;
}
