using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Engine.Tests.Index.Forest;

/// <summary>
/// How many candidates are ranked exactly (with k = 10 and the default factor 20, so 200 at most): fewer when few were
/// gathered (1,500 among 240K rows: the exact ranking was a third of the query), never below half, never above all 200.
/// </summary>
public sealed class ShortlistSizeTests
{
    [Theory]
    [InlineData(1_500, 100)]
    [InlineData(2_250, 150)]
    [InlineData(3_000, 200)]
    [InlineData(5_000, 200)]
    [InlineData(300, 100)]
    public void The_shortlist_follows_the_candidates_between_half_and_all_of_factor_times_k(int gathered, int expected)
    {
        Assert.Equal(expected, ForestSearch.ShortlistSize(200, gathered));
    }

    [Fact]
    public void A_shortlist_of_one_stays_one()
    {
        Assert.Equal(1, ForestSearch.ShortlistSize(1, 10_000));
        Assert.Equal(1, ForestSearch.ShortlistSize(1, 3));
    }
}
