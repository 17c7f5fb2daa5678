namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// Moves the best-scoring entries of two parallel spans to their front, in no particular order: Wirth's selection
/// (Hoare's partition around the value at the cut). The shortlist needs which candidates are best, not their order,
/// and a selection costs a few passes over the scores where a bounded heap pays a sift for every entry that gets in.
/// </summary>
internal static class BestFirstSelection
{
    /// <summary>
    /// Rearranges <paramref name="scores"/> and <paramref name="rows"/> alike so that their first <paramref name="count"/>
    /// entries have the highest scores (ties cut anywhere).
    /// </summary>
    public static void SelectBest(Span<float> scores, Span<int> rows, int count)
    {
        if (count <= 0 || count >= scores.Length)
        {
            return;
        }

        // The entry that ends at index cut - 1 is the count-th best; everything before it is at least as good.
        var cut = count - 1;
        var left = 0;
        var right = scores.Length - 1;
        while (left < right)
        {
            var pivot = scores[cut];
            var i = left;
            var j = right;
            do
            {
                while (scores[i] > pivot)
                {
                    i++;
                }

                while (pivot > scores[j])
                {
                    j--;
                }

                if (i <= j)
                {
                    (scores[i], scores[j]) = (scores[j], scores[i]);
                    (rows[i], rows[j]) = (rows[j], rows[i]);
                    i++;
                    j--;
                }
            }
            while (i <= j);

            if (j < cut)
            {
                left = i;
            }

            if (cut < i)
            {
                right = j;
            }
        }
    }
}
