namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// The one priority queue of a query over all trees' nodes: a binary max-heap of (priority, node) in the
/// scratch arrays. Priority is the smallest margin on the path so far (Annoy's rule), so the nodes the query
/// sits most clearly inside come first.
/// </summary>
internal ref struct NodeQueue
{
    private readonly QueryScratch _scratch;
    private Span<float> _priorities;
    private Span<int> _nodes;
    private int _count;

    public NodeQueue(QueryScratch scratch)
    {
        _scratch = scratch;
        _priorities = scratch.QueuePriorities;
        _nodes = scratch.QueueNodes;
        _count = 0;
    }

    public readonly int Count => _count;

    public void Push(float priority, int node)
    {
        if (_count == _nodes.Length)
        {
            _scratch.EnsureQueue(_count + 1);
            _priorities = _scratch.QueuePriorities;
            _nodes = _scratch.QueueNodes;
        }

        var i = _count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_priorities[parent] >= priority)
            {
                break;
            }

            _priorities[i] = _priorities[parent];
            _nodes[i] = _nodes[parent];
            i = parent;
        }

        _priorities[i] = priority;
        _nodes[i] = node;
    }

    public (float Priority, int Node) Pop()
    {
        var top = (_priorities[0], _nodes[0]);
        var last = --_count;
        var priority = _priorities[last];
        var node = _nodes[last];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= last)
            {
                break;
            }

            if (child + 1 < last && _priorities[child + 1] > _priorities[child])
            {
                child++;
            }

            if (_priorities[child] <= priority)
            {
                break;
            }

            _priorities[i] = _priorities[child];
            _nodes[i] = _nodes[child];
            i = child;
        }

        if (last > 0)
        {
            _priorities[i] = priority;
            _nodes[i] = node;
        }

        return top;
    }
}
