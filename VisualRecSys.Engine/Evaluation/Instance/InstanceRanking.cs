using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;

namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>
/// Ranks instance queries against the gallery by exact search: each query's rank is that of its first relevant gallery
/// item (1-based), with every other item scoring the same counted ahead of it (a tie is not a success: the shopper may
/// see either first); 0 when no relevant item is within the first <see cref="Depth"/> results.
/// </summary>
internal sealed class InstanceRanking
{
    /// <summary>How many results are ranked per query.</summary>
    public const int Depth = 100;

    /// <summary>Neighbours kept per query for the report.</summary>
    public const int KeptNeighbours = 10;

    private const int QueriesPerBatch = 256;

    private readonly ExactIndex _gallery;
    private readonly Func<int, int> _groupOf;
    private readonly int _depth;

    /// <param name="gallery">The gallery's exact index.</param>
    /// <param name="groupOf">The group of a gallery item (its own id when the ground truth is edits).</param>
    public InstanceRanking(ExactIndex gallery, Func<int, int> groupOf)
    {
        _gallery = gallery;
        _groupOf = groupOf;
        _depth = Math.Min(Depth, gallery.Count);
    }

    /// <summary>
    /// Ranks <paramref name="queries"/> (their vectors one after another in <paramref name="vectors"/>) and keeps each
    /// one's first <see cref="KeptNeighbours"/> results.
    /// </summary>
    public RankedQueries Rank(ReadOnlySpan<float> vectors, IReadOnlyList<InstanceQuery> queries, int maxDegreeOfParallelism, CancellationToken ct)
    {
        var dimension = _gallery.Dimension;
        var ranked = new RankedQueries(queries.Count);
        var batch = Math.Max(1, Math.Min(QueriesPerBatch, queries.Count));
        var hits = new SearchHit[batch * _depth];
        var counts = new int[batch];
        for (var first = 0; first < queries.Count; first += batch)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(batch, queries.Count - first);
            _gallery.SearchBatch(vectors.Slice(first * dimension, n * dimension), _depth, hits, counts, maxDegreeOfParallelism);
            for (var i = 0; i < n; i++)
            {
                var found = hits.AsSpan(i * _depth, counts[i]);
                ranked.Set(first + i, RankOf(found, queries[first + i].Group), found[..Math.Min(KeptNeighbours, found.Length)]);
            }
        }

        return ranked;
    }

    /// <summary>The rank of the first hit of <paramref name="group"/> in <paramref name="hits"/> (best first), ties against it; 0 when absent.</summary>
    internal int RankOf(ReadOnlySpan<SearchHit> hits, int group)
    {
        for (var p = 0; p < hits.Length; p++)
        {
            if (_groupOf(hits[p].Id) != group)
            {
                continue;
            }

            // Everything before it ranks ahead; so does every later item of another group with the same score (the
            // exact search orders equal scores by id, which says nothing about which looks more alike).
            var ahead = p;
            for (var q = p + 1; q < hits.Length && hits[q].Score == hits[p].Score; q++)
            {
                ahead += _groupOf(hits[q].Id) != group ? 1 : 0;
            }

            return ahead + 1;
        }

        return 0;
    }
}

/// <summary>Per query: the rank of its first relevant item (0 when not found) and its first results.</summary>
internal sealed class RankedQueries
{
    private readonly SearchHit[] _neighbours;
    private readonly int[] _neighbourCounts;

    public RankedQueries(int count)
    {
        Ranks = new int[count];
        _neighbours = new SearchHit[count * InstanceRanking.KeptNeighbours];
        _neighbourCounts = new int[count];
    }

    /// <summary>Per query, its rank (1-based), 0 when nothing relevant was within the ranked depth.</summary>
    public int[] Ranks { get; }

    public void Set(int query, int rank, ReadOnlySpan<SearchHit> neighbours)
    {
        Ranks[query] = rank;
        neighbours.CopyTo(_neighbours.AsSpan(query * InstanceRanking.KeptNeighbours));
        _neighbourCounts[query] = neighbours.Length;
    }

    public ReadOnlySpan<SearchHit> NeighboursOf(int query) =>
        _neighbours.AsSpan(query * InstanceRanking.KeptNeighbours, _neighbourCounts[query]);
}
