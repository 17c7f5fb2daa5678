namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>
/// Exports trees to, and imports them from, the <c>.ann</c> files of Spotify's Annoy library (angular and Euclidean
/// indexes, 32-bit ids, float32 vectors), so an index can be searched by Annoy or built by it.
/// </summary>
/// <remarks>
/// <para>
/// An Annoy file is a flat array of equal-sized nodes. Node i, for i below the item count, is item i and holds its
/// vector. Every node starts with n_descendants (int32); Euclidean nodes then have the split offset a (float32); then
/// come two child indices (int32) and f floats. A non-item node with at most K = f + 2 descendants is a leaf whose item
/// ids start where the children are; any other non-item node is a split, whose children[1] is the side where the margin
/// (a + dot(v, x), or dot(v, x) for angular) is &gt; 0. The file ends with a copy of every root, recognised by
/// n_descendants equal to the item count. The file does not record f, hence the dimension argument.
/// </para>
/// </remarks>
public static class AnnoyFile
{
    /// <summary>Trees deeper than this are refused on reading (and not written): it bounds a corrupt file's cost.</summary>
    public const int MaxTreeDepth = 4096;

    /// <summary>K: the most items an Annoy leaf holds for <paramref name="dimension"/> (f + 2, for both metrics).</summary>
    /// <param name="dimension">Length of each vector.</param>
    /// <returns>The largest leaf written as one node; larger leaves are split as <see cref="Write"/> describes.</returns>
    public static int LeafCapacity(int dimension) => AnnoyLayout.For(DistanceMetric.Angular, dimension).LeafCapacity;

    /// <summary>Bytes per node: 12 + 4f for angular files, 16 + 4f for Euclidean ones.</summary>
    /// <param name="metric"><see cref="DistanceMetric.Angular"/> or <see cref="DistanceMetric.Euclidean"/>.</param>
    /// <param name="dimension">Length of each vector.</param>
    /// <returns>The node size; an Annoy file's length is a multiple of it.</returns>
    /// <exception cref="NotSupportedException"><paramref name="metric"/> is <see cref="DistanceMetric.Dot"/>.</exception>
    public static int NodeSize(DistanceMetric metric, int dimension) => AnnoyLayout.For(metric, dimension).NodeSize;

    /// <summary>
    /// Writes an Annoy index file that Annoy's <c>AnnoyIndex(f).load()</c> accepts, replacing <paramref name="path"/>
    /// atomically (a temporary file, flushed, then renamed over it).
    /// </summary>
    /// <remarks>
    /// <para>Each tree must hold every item exactly once. What Annoy cannot express is rewritten, keeping every item reachable:</para>
    /// <list type="bullet">
    /// <item>a split whose subtree holds at most K = f + 2 items is written as one leaf (Annoy reads any such node as a leaf);</item>
    /// <item>a leaf of more than K items is written as a balanced tree of splits with a zero normal and offset 0. Their
    /// margin is 0 for every query, so Annoy's search gives both halves the same priority, min(parent, 0): every item
    /// is still reached, but after the nodes whose priority is still positive. <see cref="SplitTrees.CollapseZeroSplits"/>
    /// turns such splits back into one leaf after reading;</item>
    /// <item>a split with an empty side is replaced by its other side.</item>
    /// </list>
    /// <para>
    /// Normals and offsets are written as given. Annoy compares margins across nodes and trees as priorities, so for
    /// its search to behave as with its own files, give unit-length normals (and, for Euclidean, the offset that goes
    /// with the unit normal: −dot(normal, point on the plane)). Angular items are stored as given (not normalized),
    /// with their squared norm where Annoy keeps it.
    /// </para>
    /// </remarks>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="metric"><see cref="DistanceMetric.Angular"/> or <see cref="DistanceMetric.Euclidean"/>.</param>
    /// <param name="dimension">Length of each vector (Annoy's f).</param>
    /// <param name="itemCount">Number of items; item ids are 0 … itemCount − 1.</param>
    /// <param name="itemVector">Returns the vector of an item id; called once per item, in order.</param>
    /// <param name="roots">One root per tree.</param>
    /// <exception cref="NotSupportedException"><paramref name="metric"/> is <see cref="DistanceMetric.Dot"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A tree does not hold every item exactly once, a normal has the wrong length, a value is not finite, an angular
    /// split has a non-zero offset, or a vector has the wrong length.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The metric is unknown or a count is not positive.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(
        string path, DistanceMetric metric, int dimension, int itemCount, Func<int, ReadOnlySpan<float>> itemVector, IReadOnlyList<SplitNode> roots)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(itemVector);
        ArgumentNullException.ThrowIfNull(roots);
        var layout = AnnoyLayout.For(metric, dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(itemCount);
        if (roots.Count == 0)
        {
            throw new ArgumentException("At least one tree is needed: Annoy finds an index's items through its roots.", nameof(roots));
        }

        var counts = TreeCounts.Check(roots, layout, itemCount);

        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        // A unique temporary name beside the target, so the rename is atomic and two writers cannot collide.
        var temporary = $"{fullPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                AnnoyWriter.Write(stream, layout, itemCount, itemVector, roots, counts);
                // Data reaches the disk before the rename makes it visible.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Reads an Annoy index file: its item vectors and trees.</summary>
    /// <remarks>
    /// Roots are found as Annoy's <c>load()</c> finds them, from the trailing nodes whose n_descendants equals the item
    /// count, but each tree is returned once: the copy of a root that Annoy's <c>build()</c> leaves just before the root
    /// block (or, when every root is a leaf, all the originals) is dropped, so <see cref="AnnoyIndexFile.Roots"/> has one
    /// entry per tree built. (Annoy's own <c>get_n_trees()</c> then says 2q − 1 for q root leaves.)
    /// </remarks>
    /// <param name="path">The <c>.ann</c> file.</param>
    /// <param name="metric"><see cref="DistanceMetric.Angular"/> or <see cref="DistanceMetric.Euclidean"/>, as the index was built.</param>
    /// <param name="dimension">Length of each vector, as given to Annoy's constructor (the file does not record it).</param>
    /// <returns>The vectors, the trees and the item ids that were never added.</returns>
    /// <exception cref="NotSupportedException"><paramref name="metric"/> is <see cref="DistanceMetric.Dot"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not an Annoy index of this metric and dimension, or is corrupt: its size is not a whole number of
    /// nodes, no roots are found, a child index or leaf id is out of range, trees loop, share nodes or are deeper than
    /// <see cref="MaxTreeDepth"/>, n_descendants disagree with the children, or a value is not finite.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AnnoyIndexFile Read(string path, DistanceMetric metric, int dimension) => Read(path, metric, dimension, keepNodeIndices: false);

    /// <summary>As <see cref="Read(string, DistanceMetric, int)"/>; <paramref name="keepNodeIndices"/> records each node's index in the file.</summary>
    internal static AnnoyIndexFile Read(string path, DistanceMetric metric, int dimension, bool keepNodeIndices)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var layout = AnnoyLayout.For(metric, dimension);
        return AnnoyReader.Read(path, layout, keepNodeIndices);
    }
}
