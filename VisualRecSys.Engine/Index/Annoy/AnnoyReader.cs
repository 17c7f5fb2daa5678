using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;

namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>Reads an Annoy file through a read-only memory map, checking everything a corrupt file could get wrong.</summary>
internal sealed unsafe class AnnoyReader : IDisposable
{
    private readonly string _path;
    private readonly AnnoyLayout _layout;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private readonly int _nodeCount;
    private int _itemCount;

    private AnnoyReader(string path, AnnoyLayout layout, MemoryMappedViewAccessor view, int nodeCount)
    {
        _path = path;
        _layout = layout;
        _view = view;
        _nodeCount = nodeCount;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _start = pointer + view.PointerOffset;
    }

    public static AnnoyIndexFile Read(string path, AnnoyLayout layout, bool keepNodeIndices)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var size = stream.Length;
        if (size == 0)
        {
            throw Corrupt(path, "it is empty");
        }

        if (size % layout.NodeSize != 0)
        {
            throw Corrupt(
                path,
                $"its {size} bytes are not a whole number of {layout.NodeSize}-byte nodes ({layout.Metric}, dimension {layout.Dimension}). "
                + "The dimension (or metric) is probably not the one the index was built with");
        }

        if (size / layout.NodeSize > int.MaxValue)
        {
            throw Corrupt(path, $"it has {size / layout.NodeSize} nodes, more than Annoy's 32-bit node indices address");
        }

        using var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        using var view = map.CreateViewAccessor(0, size, MemoryMappedFileAccess.Read);
        using var reader = new AnnoyReader(path, layout, view, (int)(size / layout.NodeSize));
        return reader.ReadAll(keepNodeIndices);
    }

    public void Dispose() => _view.SafeMemoryMappedViewHandle.ReleasePointer();

    private AnnoyIndexFile ReadAll(bool keepNodeIndices)
    {
        var roots = FindRoots();
        var (vectors, missing) = ReadItems();
        var nodeIndices = keepNodeIndices ? new Dictionary<SplitNode, int>(ReferenceEqualityComparer.Instance) : null;
        var trees = new TreeReader(this, missing.Count, nodeIndices);
        var built = new SplitNode[roots.Count];
        for (var tree = 0; tree < roots.Count; tree++)
        {
            built[tree] = trees.Read(roots[tree], tree);
        }

        return new AnnoyIndexFile(_layout.Metric, _layout.Dimension, vectors, built, missing, nodeIndices);
    }

    /// <summary>
    /// Annoy's <c>load()</c> takes the trailing nodes whose n_descendants equals the last node's as roots (that value is
    /// the item count) and drops the first when it looks like the last. Here the same trailing run is taken, and the
    /// originals that Annoy's <c>build()</c> leaves before the copies are dropped by exact comparison instead: all of
    /// them when the run is originals then copies (every root a leaf, or one tree), else any root equal to a later one.
    /// </summary>
    private List<int> FindRoots()
    {
        _itemCount = Descendants(_nodeCount - 1);
        if (_itemCount <= 0)
        {
            throw Corrupt(
                _path,
                $"its last node has n_descendants {_itemCount}; an Annoy file ends with its roots, whose n_descendants is the item count. "
                + "No roots found: not an Annoy index, or the wrong metric or dimension");
        }

        if (_itemCount >= _nodeCount)
        {
            throw Corrupt(
                _path,
                $"its last node claims {_itemCount} items but the file holds only {_nodeCount} nodes, so no roots can follow the items. "
                + "Not an Annoy index, or the wrong metric or dimension");
        }

        var run = new List<int>();
        for (var node = _nodeCount - 1; node >= _itemCount && Descendants(node) == _itemCount; node--)
        {
            run.Insert(0, node);
        }

        var half = run.Count / 2;
        if (run.Count % 2 == 0 && Enumerable.Range(0, half).All(i => Node(run[i]).SequenceEqual(Node(run[half + i]))))
        {
            return run.GetRange(half, half);
        }

        return [.. run.Where((node, i) => !run.Skip(i + 1).Any(later => Node(later).SequenceEqual(Node(node))))];
    }

    private (float[] Vectors, List<int> Missing) ReadItems()
    {
        var floats = (long)_itemCount * _layout.Dimension;
        if (floats > Array.MaxLength)
        {
            throw Corrupt(_path, $"its {_itemCount} items of dimension {_layout.Dimension} are more floats than an array holds");
        }

        var vectors = new float[floats];
        var missing = new List<int>();
        for (var item = 0; item < _itemCount; item++)
        {
            var descendants = Descendants(item);
            if (descendants == 0)
            {
                // Annoy leaves a gap for an id that was never added: zeroed, and in no tree.
                missing.Add(item);
            }
            else if (descendants != 1)
            {
                throw Corrupt(
                    _path,
                    $"item node {item} has n_descendants {descendants}, but item nodes have 1 (or 0 if never added); "
                    + $"the item count {_itemCount} taken from the roots is wrong");
            }

            ReadFloats(Node(item)[_layout.VectorField..], vectors.AsSpan(item * _layout.Dimension, _layout.Dimension), $"item {item}");
        }

        return (vectors, missing);
    }

    private void ReadFloats(ReadOnlySpan<byte> source, Span<float> destination, string what)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var value = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
            if (!float.IsFinite(value))
            {
                throw Corrupt(_path, $"the vector of {what} holds {value}");
            }

            destination[i] = value;
        }
    }

    private ReadOnlySpan<byte> Node(int index) => new(_start + ((long)index * _layout.NodeSize), _layout.NodeSize);

    private int Descendants(int node) => BinaryPrimitives.ReadInt32LittleEndian(Node(node));

    private int Child(int node, int side) => BinaryPrimitives.ReadInt32LittleEndian(Node(node)[(_layout.ChildrenField + (4 * side))..]);

    private static InvalidDataException Corrupt(string path, string why) => new($"'{path}' is not a valid Annoy index: {why}.");

    /// <summary>Turns one tree's nodes into <see cref="SplitNode"/>s, children first, without recursion.</summary>
    private sealed class TreeReader
    {
        private readonly AnnoyReader _file;
        private readonly int _missingCount;
        private readonly Dictionary<SplitNode, int>? _nodeIndices;
        private readonly bool[] _visited;
        private readonly int[] _seenInTree;

        public TreeReader(AnnoyReader file, int missingCount, Dictionary<SplitNode, int>? nodeIndices)
        {
            _file = file;
            _missingCount = missingCount;
            _nodeIndices = nodeIndices;
            _visited = new bool[file._nodeCount - file._itemCount];
            _seenInTree = new int[file._itemCount];
        }

        public SplitNode Read(int root, int tree)
        {
            var itemCount = _file._itemCount;
            var pending = new Stack<(int Node, int Depth, bool ChildrenDone)>();
            var done = new Stack<(SplitNode Node, int Count)>();
            pending.Push((root, 0, false));
            while (pending.TryPop(out var frame))
            {
                var (node, depth, childrenDone) = frame;
                if (depth > MaxDepth)
                {
                    throw Corrupt(_file._path, $"tree {tree} is deeper than {MaxDepth} levels (at node {node})");
                }

                if (node < itemCount)
                {
                    // A child that is an item: Annoy's leaf of one.
                    SeeItem(node, tree, node);
                    done.Push((Record(new SplitLeaf([node]), node), 1));
                    continue;
                }

                if (childrenDone)
                {
                    var positiveSide = done.Pop();
                    var negativeSide = done.Pop();
                    done.Push(Split(node, tree, depth == 0, negativeSide, positiveSide));
                    continue;
                }

                if (_visited[node - itemCount])
                {
                    throw Corrupt(_file._path, $"node {node} is reached twice (tree {tree}): the trees loop or share nodes");
                }

                _visited[node - itemCount] = true;
                var descendants = _file.Descendants(node);
                if (descendants < 0)
                {
                    throw Corrupt(_file._path, $"node {node} has n_descendants {descendants}");
                }

                if (descendants <= _file._layout.LeafCapacity)
                {
                    done.Push((Record(Leaf(node, descendants, tree), node), descendants));
                    continue;
                }

                var negative = _file.Child(node, 0);
                var positive = _file.Child(node, 1);
                foreach (var child in (ReadOnlySpan<int>)[negative, positive])
                {
                    if ((uint)child >= (uint)_file._nodeCount)
                    {
                        throw Corrupt(_file._path, $"node {node} points to child {child}, outside the file's {_file._nodeCount} nodes");
                    }
                }

                pending.Push((node, depth, true));
                pending.Push((positive, depth + 1, false));
                pending.Push((negative, depth + 1, false));
            }

            return done.Pop().Node;
        }

        private static int MaxDepth => AnnoyFile.MaxTreeDepth;

        private (SplitNode Node, int Count) Split(int node, int tree, bool isRoot, (SplitNode Node, int Count) negative, (SplitNode Node, int Count) positive)
        {
            var layout = _file._layout;
            var descendants = _file.Descendants(node);
            var held = (long)negative.Count + positive.Count;
            // Annoy counts a subtree's items in n_descendants, except at a root, which holds the item count instead.
            var expected = isRoot ? _file._itemCount - _missingCount : descendants;
            if (held != expected)
            {
                throw Corrupt(
                    _file._path,
                    $"node {node} (tree {tree}) has n_descendants {descendants} but its children hold {held} items"
                    + (isRoot ? $" where the tree should hold all {expected}" : string.Empty));
            }

            var normal = new float[layout.Dimension];
            _file.ReadFloats(_file.Node(node)[layout.VectorField..], normal, $"split node {node}");
            var offset = 0f;
            if (layout.OffsetField >= 0)
            {
                offset = BinaryPrimitives.ReadSingleLittleEndian(_file.Node(node)[layout.OffsetField..]);
                if (!float.IsFinite(offset))
                {
                    throw Corrupt(_file._path, $"split node {node} has offset {offset}");
                }
            }

            return (Record(new SplitInner(normal, offset, negative.Node, positive.Node), node), descendants);
        }

        private SplitLeaf Leaf(int node, int descendants, int tree)
        {
            var items = new int[descendants];
            var ids = _file.Node(node)[_file._layout.ChildrenField..];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = BinaryPrimitives.ReadInt32LittleEndian(ids[(4 * i)..]);
                if ((uint)items[i] >= (uint)_file._itemCount)
                {
                    throw Corrupt(_file._path, $"leaf node {node} lists item {items[i]}, outside 0..{_file._itemCount - 1}");
                }

                SeeItem(items[i], tree, node);
            }

            return new SplitLeaf(items);
        }

        private void SeeItem(int item, int tree, int node)
        {
            if (_seenInTree[item] == tree + 1)
            {
                throw Corrupt(_file._path, $"item {item} appears twice in tree {tree} (again at node {node})");
            }

            _seenInTree[item] = tree + 1;
        }

        private SplitNode Record(SplitNode split, int node)
        {
            _nodeIndices?.Add(split, node);
            return split;
        }
    }
}
