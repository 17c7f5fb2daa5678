using Bunit;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Quality;

namespace VisualRecSys.Web.Tests.Features.Quality;

public class CategoryBarChartTests : MudTestContext
{
    [Fact]
    public void Charts_precision_and_map_by_category_in_percent()
    {
        var chart = Context.Render<CategoryBarChart>(p => p.Add(c => c.Rows, QualitySamples.Rows).Add(c => c.K, 10));

        var series = chart.Instance.Series;
        Assert.Equal(["P@1", "P@10", "mAP@10", "Human precision"], series.Keys);
        Assert.Equal([95.0, 80.0, 50.0], series["P@1"]);
        Assert.Equal([90.0, 70.0, 40.0], series["P@10"]);
        Assert.Equal([85.0, 60.0, 30.0], series["mAP@10"]);
        Assert.Equal([75.0, 0.0, 50.0], series["Human precision"]);
    }

    [Fact]
    public void Draws_a_bar_chart_labelled_with_the_categories()
    {
        var chart = Context.Render<CategoryBarChart>(p => p.Add(c => c.Rows, QualitySamples.Rows));

        var svg = chart.Find("[data-testid='category-chart'] svg");
        foreach (var category in new[] { "Bag", "Coat", "Shirt" })
        {
            Assert.Contains(category, svg.TextContent, StringComparison.Ordinal);
        }

        // Four series of three categories: twelve bars, drawn from the axis up (M x base L x top).
        var bars = chart.FindAll("[data-testid='category-chart'] path.mud-chart-bar");
        Assert.Equal(12, bars.Count);
        var heights = bars.Take(3).Select(Height).ToList();
        // The first series is P@1: 95, 80 and 50 percent.
        Assert.Equal(80.0 / 95, heights[1] / heights[0], 3);
        Assert.Equal(50.0 / 95, heights[2] / heights[0], 3);
    }

    private static double Height(AngleSharp.Dom.IElement bar)
    {
        var numbers = bar.GetAttribute("d")!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part is not ("M" or "L"))
            .Select(part => double.Parse(part, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        return numbers[1] - numbers[3];
    }

    [Fact]
    public void Without_any_labels_there_is_no_human_precision_series()
    {
        var rows = QualitySamples.Rows.Select(r => r with { HumanPrecision = null, Labels = 0 }).ToList();

        var chart = Context.Render<CategoryBarChart>(p => p.Add(c => c.Rows, rows));

        Assert.Equal(["P@1", "P@10", "mAP@10"], chart.Instance.Series.Keys);
    }

    [Fact]
    public void Instance_recall_at_1_is_charted_beside_precision_when_the_run_measured_it()
    {
        var rows = QualitySamples.Rows.Select((r, i) => r with { Figures = r.Figures with { InstanceSearches = 40, InstanceRecallAt1 = 0.9 - (i * 0.2) } }).ToList();

        var chart = Context.Render<CategoryBarChart>(p => p.Add(c => c.Rows, rows));

        Assert.Equal(["P@1", "P@10", "mAP@10", "Instance R@1", "Human precision"], chart.Instance.Series.Keys);
        Assert.Equal([90.0, 70.0, 50.0], chart.Instance.Series["Instance R@1"]);
        Assert.Equal(15, chart.FindAll("[data-testid='category-chart'] path.mud-chart-bar").Count);
    }

    [Fact]
    public void The_axis_reads_in_fractions_like_the_tables()
    {
        var chart = Context.Render<CategoryBarChart>(p => p.Add(c => c.Rows, QualitySamples.Rows));

        var labels = chart.FindAll("[data-testid='category-chart'] svg text").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("0.0", labels);
        Assert.Contains("0.2", labels);
        Assert.Contains("1.0", labels);
        Assert.DoesNotContain("100", labels);
        Assert.DoesNotContain("%", labels);
    }
}
