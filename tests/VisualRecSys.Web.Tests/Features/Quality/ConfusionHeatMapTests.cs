using Bunit;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Web.Features.Quality;

namespace VisualRecSys.Web.Tests.Features.Quality;

public class ConfusionHeatMapTests : MudTestContext
{
    [Fact]
    public void Cells_are_shaded_by_their_share_of_the_row_and_the_diagonal_is_marked()
    {
        var confusion = new ConfusionReport { Categories = ["Bag", "Coat"], Counts = [[6, 2], [0, 0]] };

        var map = Context.Render<ConfusionHeatMap>(p => p.Add(c => c.Confusion, confusion));

        var cells = map.FindAll("td.confusion-cell");
        Assert.Equal(["0.75", "0.25", "0", "0"], cells.Select(c => c.GetAttribute("data-share")));
        Assert.Equal(["6", "2", "", ""], cells.Select(c => c.TextContent.Trim()));
        Assert.Contains("rgba(89, 74, 226, 0.75)", cells[0].GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal(2, map.FindAll("td.confusion-diagonal").Count);
        Assert.Equal(["Bag", "Coat"], map.FindAll("th.confusion-row").Select(c => c.TextContent));
    }
}
