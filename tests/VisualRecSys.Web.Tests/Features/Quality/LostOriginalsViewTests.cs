using AngleSharp.Dom;
using Bunit;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Web.Features.Quality;

namespace VisualRecSys.Web.Tests.Features.Quality;

public class LostOriginalsViewTests : MudTestContext
{
    // Ten results of Shirt and Coat products, the original (#5) third when it is among them.
    private static List<ReportedNeighbour> Neighbours(bool withOriginal) =>
    [
        .. Enumerable.Range(0, 10).Select(i => withOriginal && i == 2
            ? new ReportedNeighbour(5, "Shirt", 0.9f - (i * 0.01f))
            : new ReportedNeighbour(100 + i, i % 2 == 0 ? "Shirt" : "Coat", 0.9f - (i * 0.01f))),
    ];

    private static LostOriginal Search(int source, ImageEditKind? edit, int seed, string description, int? rank, bool withOriginal) => new()
    {
        Source = source,
        Edit = edit,
        EditSeed = seed,
        Description = description,
        Rank = rank,
        Neighbours = Neighbours(withOriginal),
    };

    private IRenderedComponent<LostOriginalsView> Render(LostOriginals lost, int? searches = null) =>
        Context.Render<LostOriginalsView>(p => p.Add(v => v.Lost, lost).Add(v => v.RankDepth, 100).Add(v => v.Searches, searches));

    private static string Text(IElement element, string selector) => element.QuerySelector(selector)!.TextContent.Trim();

    [Fact]
    public void Each_lost_search_shows_the_edited_copy_the_original_with_its_rank_and_the_results_with_the_original_marked()
    {
        var lost = new LostOriginals
        {
            Category = "Shirt",
            Searches =
            [
                Search(5, ImageEditKind.CropShift, 123456, "window 90 % × 92 % at (1.2, 0.4)", 3, withOriginal: true),
                Search(8, ImageEditKind.Jpeg, 77, "quality 63", null, withOriginal: false),
            ],
        };

        var view = Render(lost, searches: 40);

        var searches = view.FindAll(".lost-original");
        Assert.Equal(2, searches.Count);
        var found = searches[0];
        Assert.Equal("/api/quality/edited-image?product=5&edit=crop_shift&seed=123456", found.QuerySelector(".lost-query-image")!.GetAttribute("src"));
        Assert.Equal("crop_shift", Text(found, ".lost-edit"));
        Assert.Equal("window 90 % × 92 % at (1.2, 0.4)", Text(found, ".lost-edit-description"));
        Assert.Equal("/images/5?size=128", found.QuerySelector(".lost-original-target img")!.GetAttribute("src"));
        Assert.Equal("rank 3", Text(found, ".lost-rank"));
        var neighbours = found.QuerySelectorAll(".lost-neighbour");
        Assert.Equal(10, neighbours.Length);
        Assert.Equal(["100", "101", "5", "103"], neighbours.Take(4).Select(n => n.GetAttribute("data-product-id")));
        Assert.Equal(["Shirt", "Coat", "Shirt"], neighbours.Take(3).Select(n => Text(n, ".neighbour-category")));
        Assert.Equal("0.880", Text(neighbours[2], ".neighbour-score"));
        // The original, and only it, is marked.
        var marked = Assert.Single(found.QuerySelectorAll(".lost-neighbour.is-original"));
        Assert.Equal("5", marked.GetAttribute("data-product-id"));
        Assert.Equal("original", Text(marked, ".original-mark"));

        var missed = searches[1];
        Assert.Equal("/api/quality/edited-image?product=8&edit=jpeg&seed=77", missed.QuerySelector(".lost-query-image")!.GetAttribute("src"));
        Assert.Equal("quality 63", Text(missed, ".lost-edit-description"));
        Assert.Equal("not in the top 100", Text(missed, ".lost-rank"));
        Assert.Null(missed.GetAttribute("data-rank"));
        Assert.Empty(missed.QuerySelectorAll(".is-original"));
    }

    [Fact]
    public void A_data_sets_own_photograph_is_shown_as_stored_with_no_edit()
    {
        var lost = new LostOriginals { Category = "Shirt", Searches = [Search(31, null, 0, "", 12, withOriginal: false)] };

        var view = Render(lost);

        var search = view.Find(".lost-original");
        Assert.Equal("/images/31?size=128", search.QuerySelector(".lost-query-image")!.GetAttribute("src"));
        Assert.Contains("the data set's own photograph", Text(search, ".lost-edit"), StringComparison.Ordinal);
        Assert.Null(search.QuerySelector(".lost-edit-description"));
        Assert.Equal("rank 12", Text(search, ".lost-rank"));
        Assert.Null(search.QuerySelector(".lost-original-target img"));
    }

    [Theory]
    [InlineData(40, "All 40 instance searches from Shirt found their original first.")]
    [InlineData(0, "No instance search was made from Shirt's products in this run.")]
    public void A_category_without_lost_searches_says_whether_none_was_lost_or_none_was_made(int searches, string text)
    {
        var view = Render(new LostOriginals { Category = "Shirt", Searches = [] }, searches);

        Assert.Equal(text, view.Find(".no-lost-originals").TextContent.Trim());
    }
}
