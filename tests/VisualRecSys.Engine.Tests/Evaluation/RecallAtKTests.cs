using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;

namespace VisualRecSys.Engine.Tests.Evaluation;

public sealed class RecallAtKTests
{
    private static SearchHit[] Hits(params int[] ids) => ids.Select((id, i) => new SearchHit(id, 1f - (i * 0.1f))).ToArray();

    [Fact]
    public void Counts_true_neighbours_found_by_id_in_any_order()
    {
        Assert.Equal(0.5, RecallAtK.Of(Hits(1, 2, 3, 4), Hits(4, 9, 2, 8)));
        Assert.Equal(1.0, RecallAtK.Of(Hits(1, 2, 3), Hits(3, 1, 2)));
        Assert.Equal(0.0, RecallAtK.Of(Hits(1, 2, 3), Hits(7, 8, 9)));
    }

    [Fact]
    public void A_neighbour_returned_twice_counts_once_and_scores_are_ignored()
    {
        var truth = Hits(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var found = new[] { new SearchHit(2, 0f), new SearchHit(2, 0f), new SearchHit(11, 5f) };

        Assert.Equal(0.1, RecallAtK.Of(truth, found), 10);
    }

    [Fact]
    public void Edge_cases()
    {
        Assert.Equal(0.0, RecallAtK.Of(Hits(1, 2), []));
        Assert.Equal(1.0, RecallAtK.Of([], Hits(1)));
        Assert.Equal(1.0, RecallAtK.Of([], []));
    }
}
