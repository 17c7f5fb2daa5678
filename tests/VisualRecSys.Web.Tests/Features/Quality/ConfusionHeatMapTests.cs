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
        // Each cell prints its share (0–1, as the tables); the count is its title and data-count.
        Assert.Equal(["0.75", "0.25", "0", "0"], cells.Select(c => c.TextContent.Trim()));
        Assert.Equal(["6", "2", "0", "0"], cells.Select(c => c.GetAttribute("data-count")));
        Assert.Contains("6 neighbours of Bag", cells[0].GetAttribute("title"), StringComparison.Ordinal);
        // Darker with the share: 0.75 is a darker step than 0.25, which is darker than none.
        Assert.Equal(["5", "3", "0", "0"], cells.Select(c => c.GetAttribute("data-step")));
        Assert.Contains("background-color: #3d2fb0", cells[0].GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal(2, map.FindAll("td.confusion-diagonal").Count);
        Assert.Equal(["Bag", "Coat"], map.FindAll("th.confusion-row").Select(c => c.TextContent));
    }

    [Fact]
    public void The_shades_are_distinct_steps_named_by_a_legend_and_every_cell_prints_its_share()
    {
        var confusion = new ConfusionReport { Categories = ["Bag", "Coat", "Shirt"], Counts = [[90, 9, 1], [30, 50, 20], [0, 0, 0]] };

        var map = Context.Render<ConfusionHeatMap>(p => p.Add(c => c.Confusion, confusion));

        var cells = map.FindAll("td.confusion-cell");
        Assert.Equal(["0.90", "0.09", "0.01", "0.30", "0.50", "0.20", "0", "0", "0"], cells.Select(c => c.TextContent.Trim()));
        Assert.Equal(["6", "2", "1", "3", "4", "3", "0", "0", "0"], cells.Select(c => c.GetAttribute("data-step")));
        // Neighbouring steps differ clearly in lightness (CIE L* at least 6 apart; the old shades were alpha steps of a
        // few units) and every step's text keeps 4.5:1 against its shade.
        var steps = ConfusionHeatMap.Steps;
        for (var i = 1; i < steps.Length; i++)
        {
            Assert.True(Lightness(steps[i - 1].Colour) - Lightness(steps[i].Colour) >= 6, $"steps {i - 1} and {i} are too alike");
        }

        Assert.All(steps, s => Assert.True(Contrast(s.Colour, s.Text) >= 4.5, $"{s.Text} on {s.Colour}"));
        var legend = map.Find("[data-testid='confusion-legend']");
        Assert.Equal(steps.Length, legend.QuerySelectorAll(".confusion-legend-step").Length);
        Assert.Contains("0.8–1", legend.TextContent, StringComparison.Ordinal);
    }

    private static double Luminance(string hex)
    {
        double Channel(int i)
        {
            var c = Convert.ToInt32(hex.Substring(1 + (2 * i), 2), 16) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
    }

    private static double Lightness(string hex)
    {
        var y = Luminance(hex);
        return y > 0.008856 ? (116 * Math.Cbrt(y)) - 16 : 903.3 * y;
    }

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
