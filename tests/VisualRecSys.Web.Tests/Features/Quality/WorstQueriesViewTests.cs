using VisualRecSys.Web.Features.Feedback;
using Bunit;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Web.Features.Quality;

namespace VisualRecSys.Web.Tests.Features.Quality;

public class WorstQueriesViewTests : MudTestContext
{
    [Fact]
    public void Each_query_shows_its_image_beside_its_neighbours_with_category_score_and_thumbs()
    {
        var worst = new WorstQueries
        {
            Category = "Shirt",
            Queries =
            [
                new WorstQuery
                {
                    Id = 22,
                    PrecisionAtK = 0.5,
                    AveragePrecisionAtK = 0.25,
                    Neighbours = [new ReportedNeighbour(7, "Coat", 0.91f), new ReportedNeighbour(9, "Shirt", 0.88f)],
                },
            ],
        };
        var feedback = new Dictionary<(int, int), PairFeedback> { [(22, 7)] = new PairFeedback(1, 3) };

        var view = Context.Render<WorstQueriesView>(p => p.Add(v => v.Queries, worst).Add(v => v.K, 2).Add(v => v.Feedback, feedback));

        var query = view.Find(".worst-query[data-query-id='22']");
        Assert.Equal("/images/22?size=128", query.QuerySelector(".worst-query-target img")!.GetAttribute("src"));
        Assert.Contains("P@2 0.500", query.TextContent, StringComparison.Ordinal);
        var neighbours = view.FindAll(".worst-query-neighbour");
        Assert.Equal(["7", "9"], neighbours.Select(n => n.GetAttribute("data-product-id")));
        Assert.Equal("/images/7?size=64", neighbours[0].QuerySelector("img")!.GetAttribute("src"));
        // A neighbour of another category is what made the query bad: it is marked.
        Assert.Contains("other-category", neighbours[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("same-category", neighbours[1].ClassName, StringComparison.Ordinal);
        Assert.Equal("0.910", neighbours[0].QuerySelector(".neighbour-score")!.TextContent.Trim());
        Assert.Equal(("1", "3"), (neighbours[0].QuerySelector(".feedback-up-count")!.TextContent, neighbours[0].QuerySelector(".feedback-down-count")!.TextContent));
        Assert.Null(neighbours[1].QuerySelector(".neighbour-feedback"));
    }
}
