namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// Per-thread working memory of forest queries, sized once per index so a query allocates nothing:
/// the prepared query, its split-space image, the node queue, the seen-rows bitset and the candidate lists.
/// </summary>
internal sealed class QueryScratch
{
    public QueryScratch(int count, int dimension, int projectedDimension, int codeStride)
    {
        Query = new float[dimension];
        Projected = new float[projectedDimension];
        CodeQuery = new short[codeStride];
        Seen = new ulong[(count + 63) / 64];
    }

    public float[] Query { get; }
    public float[] Projected { get; }

    /// <summary>The query's shortlist components as <see cref="ShortlistCodes.PrepareQuery"/> makes them.</summary>
    public short[] CodeQuery { get; }

    /// <summary>One bit per row; only the bits of <see cref="Visited"/> are set between queries (and cleared after).</summary>
    public ulong[] Seen { get; }

    public int[] Visited { get; private set; } = new int[1024];
    public int[] Candidates { get; private set; } = new int[1024];
    public float[] QueuePriorities { get; private set; } = new float[256];
    public int[] QueueNodes { get; private set; } = new int[256];

    /// <summary>Each candidate's shortlist score, parallel to <see cref="Candidates"/>.</summary>
    public float[] ShortlistScores { get; private set; } = [];

    public void EnsureShortlistScores(int needed)
    {
        if (needed > ShortlistScores.Length)
        {
            ShortlistScores = new float[Math.Max(needed, ShortlistScores.Length * 2)];
        }
    }

    public void EnsureVisited(int needed)
    {
        if (needed > Visited.Length)
        {
            var grown = new int[Math.Max(needed, Visited.Length * 2)];
            Visited.CopyTo(grown, 0);
            Visited = grown;
        }
    }

    public void EnsureCandidates(int needed)
    {
        if (needed > Candidates.Length)
        {
            var grown = new int[Math.Max(needed, Candidates.Length * 2)];
            Candidates.CopyTo(grown, 0);
            Candidates = grown;
        }
    }

    public void EnsureQueue(int needed)
    {
        if (needed > QueueNodes.Length)
        {
            var size = Math.Max(needed, QueueNodes.Length * 2);
            var priorities = new float[size];
            var nodes = new int[size];
            QueuePriorities.CopyTo(priorities, 0);
            QueueNodes.CopyTo(nodes, 0);
            QueuePriorities = priorities;
            QueueNodes = nodes;
        }
    }
}
