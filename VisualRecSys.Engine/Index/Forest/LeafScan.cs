namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// Collects a query's candidates leaf by leaf: each row once (a bitset over all rows remembers which were seen),
/// eligible ones only when a filter is set. The excluded row is marked seen before the first leaf, so it is never gathered
/// and costs nothing per candidate.
/// </summary>
internal ref struct LeafScan
{
    private readonly ReadOnlySpan<int> _leafStarts;
    private readonly ReadOnlySpan<int> _leafItems;
    private readonly ReadOnlySpan<int> _ids;
    private readonly Span<ulong> _seen;
    private readonly QueryScratch _scratch;
    private readonly int _excludedRow;
    private readonly Func<int, bool>? _accept;
    private int _visited;

    public LeafScan(ForestData data, QueryScratch scratch, Func<int, bool>? accept, int excludedRow)
    {
        _leafStarts = data.LeafStarts.Span;
        _leafItems = data.LeafItems.Span;
        _ids = data.Ids.Span;
        _seen = scratch.Seen;
        _scratch = scratch;
        _accept = accept;
        _excludedRow = excludedRow;
        if (excludedRow != ForestSearch.NoRow)
        {
            _seen[excludedRow >> 6] |= 1UL << (excludedRow & 63);
        }
    }

    /// <summary>Candidates gathered so far (in scratch.Candidates).</summary>
    public int Gathered { get; private set; }

    public void Scan(int leaf)
    {
        var rows = _leafItems[_leafStarts[leaf].._leafStarts[leaf + 1]];
        _scratch.EnsureCandidates(Gathered + rows.Length);
        var candidates = _scratch.Candidates;
        var seen = _seen;
        var gathered = Gathered;
        if (_accept is null)
        {
            // Every new row is a candidate, so the candidates are also the record of which bits to clear.
            foreach (var row in rows)
            {
                ref var word = ref seen[row >> 6];
                var bit = 1UL << (row & 63);
                candidates[gathered] = row;
                gathered += (word & bit) == 0 ? 1 : 0;
                word |= bit;
            }

            Gathered = gathered;
            return;
        }

        _scratch.EnsureVisited(_visited + rows.Length);
        var visited = _scratch.Visited;
        foreach (var row in rows)
        {
            ref var word = ref seen[row >> 6];
            var bit = 1UL << (row & 63);
            if ((word & bit) != 0)
            {
                continue;
            }

            word |= bit;
            visited[_visited++] = row;
            if (_accept(_ids[row]))
            {
                candidates[gathered++] = row;
            }
        }

        Gathered = gathered;
    }

    /// <summary>Leaves the bitset clean for the next query: only the bits set by this one need clearing.</summary>
    public readonly void ClearSeen()
    {
        var set = _accept is not null ? _scratch.Visited.AsSpan(0, _visited) : _scratch.Candidates.AsSpan(0, Gathered);
        foreach (var row in set)
        {
            _seen[row >> 6] = 0;
        }

        if (_excludedRow != ForestSearch.NoRow)
        {
            _seen[_excludedRow >> 6] = 0;
        }
    }
}
