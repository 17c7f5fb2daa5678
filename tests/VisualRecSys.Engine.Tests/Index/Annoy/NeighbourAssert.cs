namespace VisualRecSys.Engine.Tests.Index.Annoy;

internal static class NeighbourAssert
{
    // Annoy sums in SIMD lanes, the reference search in order: distances agree to float rounding.
    private const float Tolerance = 2e-6f;

    /// <summary>Same neighbours at the same distances; items at equal distance may come in either order.</summary>
    public static void SameAsAnnoy(AnnoyQuery annoy, IReadOnlyList<(int Item, float Distance)> ours)
    {
        var context = $"item {annoy.Item}, search_k {annoy.SearchK}: Annoy [{string.Join(", ", annoy.Neighbours)}], "
            + $"ours [{string.Join(", ", ours.Select(o => o.Item))}]";
        Assert.True(annoy.Neighbours.Length == ours.Count, context);
        for (var i = 0; i < ours.Count; i++)
        {
            Assert.True(Math.Abs(annoy.Distances[i] - ours[i].Distance) <= Tolerance * Math.Max(1f, annoy.Distances[i]), $"{context}: distance {i}");
            if (annoy.Neighbours[i] != ours[i].Item)
            {
                // Only a tie may reorder: the other item must sit at (nearly) the same distance in Annoy's list.
                var j = Array.IndexOf(annoy.Neighbours, ours[i].Item);
                var tiedAtBoundary = j < 0 && i == ours.Count - 1;
                Assert.True(
                    tiedAtBoundary || (j >= 0 && Math.Abs(annoy.Distances[j] - annoy.Distances[i]) <= Tolerance),
                    $"{context}: position {i}");
            }
        }
    }
}
