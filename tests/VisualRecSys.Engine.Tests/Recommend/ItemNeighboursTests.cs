using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Recommend;

namespace VisualRecSys.Engine.Tests.Recommend;

/// <summary>"Visually similar" for an item: its own vector asks, and it is not its own neighbour.</summary>
public sealed class ItemNeighboursTests
{
    // Five items on a line: item 3 at 2.5 has 4 (0.5 away), 2 (1.5), 1 (2.5) and 5 (7.5) as neighbours, in that order.
    private static readonly ExactIndex s_index = new(
        new EmbeddingMatrix("line-model", 2, [1, 2, 3, 4, 5], [0, 0, 1, 0, 2.5f, 0, 3, 0, 10, 0]), DistanceMetric.Euclidean);

    [Fact]
    public void An_items_neighbours_are_nearest_first_without_the_item()
    {
        var hits = ItemNeighbours.Of(s_index, "line-model", 3, 3, accept: null);

        Assert.NotNull(hits);
        Assert.Equal([4, 2, 1], hits.Select(h => h.Id).ToArray());
    }

    [Fact]
    public void Only_accepted_items_are_answered_and_fewer_than_k_when_fewer_are_left()
    {
        var hits = ItemNeighbours.Of(s_index, "line-model", 3, 10, accept: id => id % 2 == 1);

        Assert.NotNull(hits);
        Assert.Equal([1, 5], hits.Select(h => h.Id).ToArray());
    }

    [Fact]
    public void An_item_the_index_does_not_hold_has_no_answer()
    {
        Assert.Null(ItemNeighbours.Of(s_index, "line-model", 99, 3, accept: null));
    }

    [Fact]
    public void Another_models_query_is_refused()
    {
        Assert.Throws<ModelMismatchException>(() => ItemNeighbours.Of(s_index, "other-model", 3, 3, accept: null));
    }
}
