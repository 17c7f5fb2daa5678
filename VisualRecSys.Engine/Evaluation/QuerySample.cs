namespace VisualRecSys.Engine.Evaluation;

/// <summary>The queries an evaluation runs (or the products an instance evaluation edits): all of them, or a seeded sample of a given size.</summary>
public static class QuerySample
{
    /// <summary>
    /// <paramref name="limit"/> queries drawn by a partial Fisher–Yates shuffle with <see cref="Random(int)"/> (whose
    /// sequence for a seed is fixed), kept in their input order; all queries when <paramref name="limit"/> is null or
    /// not smaller than their number.
    /// </summary>
    public static T[] Choose<T>(IReadOnlyList<T> queries, int? limit, int seed)
    {
        if (limit is not int n || n >= queries.Count)
        {
            return [.. queries];
        }

        var order = new int[queries.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }

        // Input order, so the sample reads (and sums) the same however it was drawn.
        var chosen = order.AsSpan(0, n);
        chosen.Sort();
        var sample = new T[n];
        for (var i = 0; i < n; i++)
        {
            sample[i] = queries[chosen[i]];
        }

        return sample;
    }
}
