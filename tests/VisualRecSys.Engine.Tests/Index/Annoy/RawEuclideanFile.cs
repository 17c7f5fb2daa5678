using System.Buffers.Binary;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>Assembles a Euclidean Annoy file node by node, for shapes the writer would never produce.</summary>
internal sealed class RawEuclideanFile(int dimension)
{
    private readonly List<byte[]> _nodes = [];

    public int Count => _nodes.Count;

    private int NodeSize => 16 + (4 * dimension);

    public int Item(float[] vector, int descendants = 1) => Add(descendants, 0f, 0, 0, vector);

    public int Leaf(params int[] items)
    {
        var node = new byte[NodeSize];
        BinaryPrimitives.WriteInt32LittleEndian(node, items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(node.AsSpan(8 + (4 * i)), items[i]);
        }

        _nodes.Add(node);
        return _nodes.Count - 1;
    }

    public int Split(int descendants, int negative, int positive) => Add(descendants, 0f, negative, positive, [.. Enumerable.Repeat(1f, dimension)]);

    /// <summary>Appends a copy of node <paramref name="index"/>, as Annoy appends copies of its roots.</summary>
    public void Copy(int index) => _nodes.Add((byte[])_nodes[index].Clone());

    public void Save(string path) => File.WriteAllBytes(path, [.. _nodes.SelectMany(node => node)]);

    private int Add(int descendants, float offset, int negative, int positive, float[] vector)
    {
        var node = new byte[NodeSize];
        BinaryPrimitives.WriteInt32LittleEndian(node, descendants);
        BinaryPrimitives.WriteSingleLittleEndian(node.AsSpan(4), offset);
        BinaryPrimitives.WriteInt32LittleEndian(node.AsSpan(8), negative);
        BinaryPrimitives.WriteInt32LittleEndian(node.AsSpan(12), positive);
        for (var i = 0; i < dimension; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(node.AsSpan(16 + (4 * i)), vector[i]);
        }

        _nodes.Add(node);
        return _nodes.Count - 1;
    }
}
