using VisualRecSys.Engine.Index;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>What each evaluated query got, kept until the report is assembled: figures, k nearest neighbours, ANN latency.</summary>
internal sealed class QueryResults
{
    private readonly SearchHit[] _neighbours;
    private readonly int[] _neighbourCounts;
    private readonly double[]? _latencies;

    public QueryResults(LabelledItem[] queries, int k, bool timed)
    {
        Queries = queries;
        K = k;
        Outcomes = new QueryOutcome[queries.Length];
        _neighbours = new SearchHit[(long)queries.Length * k];
        _neighbourCounts = new int[queries.Length];
        _latencies = timed ? new double[queries.Length] : null;
    }

    /// <summary>The queries evaluated, in order.</summary>
    public LabelledItem[] Queries { get; }

    public int K { get; }

    /// <summary>Per query, its figures.</summary>
    public QueryOutcome[] Outcomes { get; }

    /// <summary>Milliseconds of each query's approximate search; null when none was measured.</summary>
    public IReadOnlyCollection<double>? Latencies => _latencies;

    /// <summary>Keeps query <paramref name="query"/>'s figures and its first k exact neighbours.</summary>
    public void Record(int query, in QueryOutcome outcome, ReadOnlySpan<SearchHit> neighbours, double latencyMs)
    {
        Outcomes[query] = outcome;
        var kept = Math.Min(K, neighbours.Length);
        neighbours[..kept].CopyTo(_neighbours.AsSpan(query * K, kept));
        _neighbourCounts[query] = kept;
        if (_latencies is not null)
        {
            _latencies[query] = latencyMs;
        }
    }

    /// <summary>Query <paramref name="query"/>'s exact neighbours, best first (at most k).</summary>
    public ReadOnlySpan<SearchHit> NeighboursOf(int query) => _neighbours.AsSpan(query * K, _neighbourCounts[query]);
}
