namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// The leaves a descent reached, on their way to being scanned: a leaf's table entry is asked for when the descent
/// reaches it, its rows when the next leaf arrives, and it is scanned when the one after arrives, so each step's
/// memory trip overlaps a descent.
/// </summary>
internal struct LeafPipeline
{
    private const int None = -1;

    /// <summary>Arrived two leaves ago: its rows were asked for one leaf ago.</summary>
    private int _older;

    /// <summary>Arrived one leaf ago.</summary>
    private int _newer;

    public LeafPipeline()
    {
        _older = None;
        _newer = None;
    }

    /// <summary>Takes the leaf a descent reached; returns the leaf whose rows to ask for now and the leaf to scan now (-1: none).</summary>
    public (int FetchRows, int Scan) Add(int leaf)
    {
        var scan = _older;
        _older = _newer;
        _newer = leaf;
        return (_older, scan);
    }

    /// <summary>Takes the oldest leaf still waiting, once no descent is left to bring more.</summary>
    public bool TryTakeOldest(out int leaf)
    {
        if (_older != None)
        {
            leaf = _older;
            _older = _newer;
            _newer = None;
            return true;
        }

        leaf = _newer;
        _newer = None;
        return leaf != None;
    }
}
