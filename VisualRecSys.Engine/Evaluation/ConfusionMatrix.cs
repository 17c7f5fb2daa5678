namespace VisualRecSys.Engine.Evaluation;

/// <summary>
/// How often a query of one category got neighbours of each category: row = the query's category, column = the
/// neighbour's. The diagonal is what precision counts; the largest off-diagonal cells say which categories blur.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary>An empty matrix over <paramref name="categories"/> (in this order).</summary>
    public ConfusionMatrix(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        Categories = categories;
        _counts = new long[categories.Count * categories.Count];
    }

    /// <summary>The categories, indexing rows and columns.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Counts one neighbour of category <paramref name="neighbour"/> for a query of category <paramref name="query"/>.</summary>
    public void Add(int query, int neighbour) => _counts[(query * Categories.Count) + neighbour]++;

    /// <summary>How many neighbours of category <paramref name="neighbour"/> queries of <paramref name="query"/> got.</summary>
    public long this[int query, int neighbour] => _counts[(query * Categories.Count) + neighbour];

    /// <summary>Row <paramref name="query"/> as shares of its total (all zero for a category with no queries).</summary>
    public double[] RowShares(int query)
    {
        var row = _counts.AsSpan(query * Categories.Count, Categories.Count);
        long total = 0;
        foreach (var c in row)
        {
            total += c;
        }

        var shares = new double[row.Length];
        for (var i = 0; i < row.Length && total > 0; i++)
        {
            shares[i] = (double)row[i] / total;
        }

        return shares;
    }
}
