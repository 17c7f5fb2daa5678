namespace VisualRecSys.Engine.Evaluation;

/// <summary>
/// Retrieval quality of one query's ranked results, with category labels as ground truth: a result is relevant when
/// it has the query's category. The query itself must already be left out of the results.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>
    /// Precision@k: the share of the first k results that are relevant. When fewer than k results exist (a gallery
    /// smaller than k, or a strict filter), the share is taken over the results there are, so a perfect short list
    /// scores 1; with no results at all it is 0.
    /// </summary>
    /// <param name="relevant">Per result, best first: whether it is relevant.</param>
    /// <param name="k">How many results count, at least 1.</param>
    public static double PrecisionAtK(ReadOnlySpan<bool> relevant, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var n = Math.Min(k, relevant.Length);
        if (n == 0)
        {
            return 0;
        }

        var hits = 0;
        foreach (var r in relevant[..n])
        {
            hits += r ? 1 : 0;
        }

        return (double)hits / n;
    }

    /// <summary>
    /// Average precision@k: the mean of precision@i over the ranks i ≤ k that hold a relevant result, divided by
    /// min(k, <paramref name="relevantInGallery"/>) so that missing relevant results cost as much as misplaced ones.
    /// </summary>
    /// <param name="relevant">Per result, best first: whether it is relevant.</param>
    /// <param name="relevantInGallery">How many relevant items the gallery holds (the query excluded).</param>
    /// <param name="k">How many results count, at least 1.</param>
    public static double AveragePrecisionAtK(ReadOnlySpan<bool> relevant, int relevantInGallery, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(relevantInGallery);
        var denominator = Math.Min(k, relevantInGallery);
        if (denominator == 0)
        {
            return 0;
        }

        double sum = 0;
        var hits = 0;
        var n = Math.Min(k, relevant.Length);
        for (var i = 0; i < n; i++)
        {
            if (relevant[i])
            {
                hits++;
                sum += (double)hits / (i + 1);
            }
        }

        return sum / denominator;
    }
}
