using VisualRecSys.Engine.Index;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>Recall of an approximate search against the exact answer.</summary>
public static class RecallAtK
{
    /// <summary>
    /// The fraction of the true nearest neighbours that were found: <c>|found ∩ truth| / |truth|</c>, by id (scores
    /// are ignored). A true neighbour counts once however often it was returned. With no true neighbours (an empty
    /// index) the answer is 1: nothing was there to miss.
    /// </summary>
    /// <param name="truth">The exact top k (at most k hits, distinct ids).</param>
    /// <param name="found">What the approximate search returned (normally at most k hits).</param>
    public static double Of(ReadOnlySpan<SearchHit> truth, ReadOnlySpan<SearchHit> found)
    {
        if (truth.IsEmpty)
        {
            return 1.0;
        }

        // k is small (10 in the benchmarks): a nested scan beats hashing and allocates nothing.
        var hits = 0;
        foreach (var expected in truth)
        {
            foreach (var hit in found)
            {
                if (hit.Id == expected.Id)
                {
                    hits++;
                    break;
                }
            }
        }

        return (double)hits / truth.Length;
    }
}
