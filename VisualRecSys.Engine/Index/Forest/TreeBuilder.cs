using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>One tree as built, with node numbers local to the tree (the forest renumbers when it merges).</summary>
internal sealed class BuiltTree
{
    public required int Root { get; init; }
    public required List<float> Normals { get; init; }
    public required List<float> Offsets { get; init; }
    public required List<int> Children { get; init; }
    public required List<int> LeafStarts { get; init; }
    public required int[] LeafItems { get; init; }

    /// <summary>Frees the node lists once the forest has copied them (the leaf items stay: they are the row order).</summary>
    public void Release()
    {
        Normals.Clear();
        Normals.TrimExcess();
        Offsets.Clear();
        Offsets.TrimExcess();
        Children.Clear();
        Children.TrimExcess();
        LeafStarts.Clear();
        LeafStarts.TrimExcess();
    }
}

/// <summary>
/// Builds one random-projection tree over the rows' split-space vectors, in the manner of Annoy: each node's
/// hyperplane lies between two centroids found by a short 2-means on random items of the node.
/// </summary>
internal sealed class TreeBuilder
{
    /// <summary>Annoy's number of 2-means steps: enough for the centroids to settle on a sample.</summary>
    private const int TwoMeansSteps = 200;

    /// <summary>A split sending more than this share to one side is retried (then replaced by an arbitrary halving).</summary>
    private const double MaxImbalance = 0.95;

    private const int SplitAttempts = 3;

    private readonly ReadOnlyMemory<float> _projected;
    private readonly int _split;
    private readonly int _stride;
    private readonly bool _throughOrigin;
    private readonly int _leafSize;
    private readonly Random _random;

    private readonly List<float> _normals = [];
    private readonly List<float> _offsets = [];
    private readonly List<int> _children = [];
    private readonly List<int> _leafStarts = [0];
    private readonly int[] _items;
    private readonly float[] _c0;
    private readonly float[] _c1;
    private readonly float[] _normal;

    public TreeBuilder(ReadOnlyMemory<float> projected, int count, int stride, int splitDimension, bool throughOrigin, int leafSize, int seed)
    {
        _projected = projected;
        _stride = stride;
        _split = splitDimension;
        _throughOrigin = throughOrigin;
        _leafSize = leafSize;
        _random = new Random(seed);
        _items = new int[count];
        for (var i = 0; i < count; i++)
        {
            _items[i] = i;
        }

        _c0 = new float[splitDimension];
        _c1 = new float[splitDimension];
        _normal = new float[splitDimension];
    }

    public BuiltTree Build(CancellationToken ct)
    {
        var root = BuildNode(0, _items.Length, ct);

        // Lists grow by doubling: without this, up to half of every finished tree's node storage is slack that stays
        // allocated while the other trees build and merge.
        _normals.TrimExcess();
        _offsets.TrimExcess();
        _children.TrimExcess();
        _leafStarts.TrimExcess();
        return new BuiltTree
        {
            Root = root,
            Normals = _normals,
            Offsets = _offsets,
            Children = _children,
            LeafStarts = _leafStarts,
            // Leaves are emitted in order over the partitioned item array, so it is the leaf item list.
            LeafItems = _items,
        };
    }

    private int BuildNode(int lo, int hi, CancellationToken ct)
    {
        var count = hi - lo;
        if (count <= _leafSize)
        {
            _leafStarts.Add(hi);
            return NodeRef.Leaf(_leafStarts.Count - 2);
        }

        ct.ThrowIfCancellationRequested();
        var offset = 0f;
        var mid = -1;
        for (var attempt = 0; attempt < SplitAttempts && mid < 0; attempt++)
        {
            offset = ChooseSplit(lo, hi);
            var candidate = Partition(lo, hi, offset);
            var positive = hi - candidate;
            if (Math.Max(positive, count - positive) <= MaxImbalance * count)
            {
                mid = candidate;
            }
        }

        if (mid < 0)
        {
            // Degenerate node (e.g. duplicates): no hyperplane separates it. A zero normal gives every query a
            // margin of 0 here, so both halves are explored alike; the halves themselves are arbitrary.
            Array.Clear(_normal);
            offset = 0f;
            mid = lo + (count / 2);
        }

        var inner = _offsets.Count;
        _offsets.Add(offset);
        _normals.AddRange(_normal);
        _children.Add(0);
        _children.Add(0);
        var negative = BuildNode(lo, mid, ct);
        var positiveRef = BuildNode(mid, hi, ct);
        _children[2 * inner] = negative;
        _children[(2 * inner) + 1] = positiveRef;
        return inner;
    }

    /// <summary>Annoy's two_means on items of the node, then the hyperplane between the centroids into <see cref="_normal"/>.</summary>
    private float ChooseSplit(int lo, int hi)
    {
        var y = _projected.Span;
        var count = hi - lo;
        var i = _items[lo + _random.Next(count)];
        var j = _items[lo + _random.Next(count - 1)];
        if (j == i)
        {
            j = _items[hi - 1];
        }

        Load(y, i, _c0);
        Load(y, j, _c1);
        int n0 = 1, n1 = 1;
        for (var step = 0; step < TwoMeansSteps; step++)
        {
            var k = _items[lo + _random.Next(count)];
            var v = Row(y, k);
            var d0 = n0 * Distance(_c0, v);
            var d1 = n1 * Distance(_c1, v);
            if (d0 < d1)
            {
                Blend(_c0, v, n0++);
            }
            else if (d1 < d0)
            {
                Blend(_c1, v, n1++);
            }
        }

        if (_throughOrigin)
        {
            NormalizeInPlace(_c0);
            NormalizeInPlace(_c1);
        }

        TensorPrimitives.Subtract(_c0, _c1, _normal);
        var norm = TensorPrimitives.Norm(_normal);
        if (norm <= 0f)
        {
            // Both centroids coincide: fall back to a random direction.
            for (var d = 0; d < _normal.Length; d++)
            {
                _normal[d] = (float)((_random.NextDouble() * 2) - 1);
            }

            norm = TensorPrimitives.Norm(_normal);
        }

        TensorPrimitives.Divide(_normal, norm, _normal);
        if (_throughOrigin)
        {
            return 0f;
        }

        // Euclidean: the plane halfway between the centroids; positive margin = closer to c0.
        TensorPrimitives.Add(_c0, _c1, _c1);
        return -0.5f * TensorPrimitives.Dot(_normal, _c1);
    }

    /// <summary>Moves items with a positive margin to the end of [lo, hi); returns where they start.</summary>
    private int Partition(int lo, int hi, float offset)
    {
        var y = _projected.Span;
        int i = lo, j = hi - 1;
        while (i <= j)
        {
            if (offset + TensorPrimitives.Dot(_normal, Row(y, _items[i])) > 0f)
            {
                (_items[i], _items[j]) = (_items[j], _items[i]);
                j--;
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    private ReadOnlySpan<float> Row(ReadOnlySpan<float> y, int row) => y.Slice(row * _stride, _split);

    private void Load(ReadOnlySpan<float> y, int row, float[] destination)
    {
        Row(y, row).CopyTo(destination);
        if (_throughOrigin)
        {
            NormalizeInPlace(destination);
        }
    }

    /// <summary>Angular splits compare directions (Annoy normalizes in its cosine 2-means); Euclidean compares positions.</summary>
    private float Distance(float[] centroid, ReadOnlySpan<float> v)
    {
        if (!_throughOrigin)
        {
            return TensorPrimitives.Distance(centroid, v);
        }

        var norm = TensorPrimitives.Norm(v);
        return norm > 0f ? 2f - (2f * TensorPrimitives.Dot(centroid, v) / norm) : 2f;
    }

    private void Blend(float[] centroid, ReadOnlySpan<float> v, int weight)
    {
        // centroid = (centroid·weight + v̂)/(weight + 1), with v̂ normalized for angular splits.
        var scale = 1f;
        if (_throughOrigin)
        {
            var norm = TensorPrimitives.Norm(v);
            scale = norm > 0f ? 1f / norm : 0f;
        }

        TensorPrimitives.Multiply(centroid, weight, centroid);
        TensorPrimitives.MultiplyAdd(v, scale, centroid, centroid);
        TensorPrimitives.Divide(centroid, weight + 1, centroid);
    }

    private static void NormalizeInPlace(Span<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 0f)
        {
            TensorPrimitives.Divide(v, norm, v);
        }
    }
}
