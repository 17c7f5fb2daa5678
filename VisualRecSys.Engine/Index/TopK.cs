namespace VisualRecSys.Engine.Index;

/// <summary>
/// Bounded top-k selection in a caller-provided span: a binary min-heap whose root is the worst hit kept,
/// so each candidate costs one comparison unless it belongs in the top k. Hits hold row numbers while selecting.
/// Ties are broken towards the lower row so results do not depend on heap order.
/// </summary>
internal ref struct TopK
{
    private readonly Span<SearchHit> _heap;
    private int _count;

    public TopK(Span<SearchHit> heap)
    {
        _heap = heap;
        _count = 0;
    }

    /// <summary>Resumes a selection whose first <paramref name="count"/> entries of <paramref name="heap"/> already form a heap.</summary>
    public TopK(Span<SearchHit> heap, int count)
    {
        _heap = heap;
        _count = count;
    }

    /// <summary>Number of hits kept so far.</summary>
    public readonly int Count => _count;

    /// <summary>Whether k hits are kept, so a candidate must beat <see cref="WorstScore"/> to enter.</summary>
    public readonly bool IsFull => _count == _heap.Length;

    /// <summary>The score of the worst hit kept (meaningful once <see cref="IsFull"/>).</summary>
    public readonly float WorstScore => _heap[0].Score;

    /// <summary>Whether a candidate with this score and row would be kept.</summary>
    public readonly bool WouldAccept(float score, int row) =>
        _count < _heap.Length || IsBetter(score, row, _heap[0].Score, _heap[0].Id);

    /// <summary>Adds a candidate that <see cref="WouldAccept"/> approved.</summary>
    public void Add(float score, int row)
    {
        if (_count < _heap.Length)
        {
            _heap[_count] = new SearchHit(row, score);
            SiftUp(_count++);
        }
        else
        {
            _heap[0] = new SearchHit(row, score);
            SiftDown(0, _count);
        }
    }

    /// <summary>Sorts the kept hits best first (heap sort in place) and returns how many there are.</summary>
    public readonly int SortBestFirst()
    {
        // Repeatedly move the worst remaining hit (the root) to the end of the shrinking heap.
        for (var end = _count - 1; end > 0; end--)
        {
            (_heap[0], _heap[end]) = (_heap[end], _heap[0]);
            SiftDown(0, end);
        }

        return _count;
    }

    private static bool IsBetter(float score, int row, float otherScore, int otherRow) =>
        score > otherScore || (score == otherScore && row < otherRow);

    private static bool IsWorse(in SearchHit a, in SearchHit b) => IsBetter(b.Score, b.Id, a.Score, a.Id);

    private readonly void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (!IsWorse(_heap[index], _heap[parent]))
            {
                break;
            }

            (_heap[index], _heap[parent]) = (_heap[parent], _heap[index]);
            index = parent;
        }
    }

    private readonly void SiftDown(int index, int length)
    {
        while (true)
        {
            var worst = index;
            var left = (2 * index) + 1;
            var right = left + 1;
            if (left < length && IsWorse(_heap[left], _heap[worst]))
            {
                worst = left;
            }

            if (right < length && IsWorse(_heap[right], _heap[worst]))
            {
                worst = right;
            }

            if (worst == index)
            {
                return;
            }

            (_heap[index], _heap[worst]) = (_heap[worst], _heap[index]);
            index = worst;
        }
    }
}
