using Bunit;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Quality;

namespace VisualRecSys.Web.Tests.Features.Quality;

public class CategoryMetricsTableTests : MudTestContext
{
    private IRenderedComponent<CategoryMetricsTable> Render(Action<string>? chosen = null) =>
        Context.Render<CategoryMetricsTable>(p =>
        {
            p.Add(t => t.Rows, QualitySamples.Rows).Add(t => t.K, 10);
            if (chosen is not null)
            {
                p.Add(t => t.OnCategoryChosen, chosen);
            }
        });

    private static List<string> Categories(IRenderedComponent<CategoryMetricsTable> table) =>
        [.. table.FindAll(".category-name").Select(c => c.TextContent.Trim())];

    [Fact]
    public void Shows_one_row_per_category_in_report_order_with_every_figure()
    {
        var table = Render();

        Assert.Equal(["Bag", "Coat", "Shirt"], Categories(table));
        Assert.Equal(["0.950", "0.800", "0.500"], table.FindAll("td.p1").Select(c => c.TextContent.Trim()));
        Assert.Equal(["0.900", "0.700", "0.400"], table.FindAll("td.p10").Select(c => c.TextContent.Trim()));
        Assert.Equal(["0.850", "0.600", "0.300"], table.FindAll("td.map").Select(c => c.TextContent.Trim()));
        Assert.Equal(["0.990", "0.970", "0.950"], table.FindAll("td.recall").Select(c => c.TextContent.Trim()));
        // Coat has no labels: no human precision rather than a 0 that would read as "people hated it".
        Assert.Equal(["0.750", "–", "0.500"], table.FindAll("td.human").Select(c => c.TextContent.Trim()));
        Assert.Equal(["4", "0", "2"], table.FindAll("td.labels").Select(c => c.TextContent.Trim()));
        Assert.Contains("mAP@10", table.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Clicking_a_heading_sorts_by_that_column_and_again_reverses()
    {
        var table = Render();

        table.Find(".sort-p10").Click();
        Assert.Equal(["Shirt", "Coat", "Bag"], Categories(table));

        table.Find(".sort-p10").Click();
        Assert.Equal(["Bag", "Coat", "Shirt"], Categories(table));

        // Categories without labels sort below every labelled one.
        table.Find(".sort-human").Click();
        Assert.Equal(["Coat", "Shirt", "Bag"], Categories(table));
    }

    [Fact]
    public void Clicking_a_category_chooses_it_and_its_row_is_highlighted()
    {
        var chosen = new List<string>();
        var table = Render(chosen.Add);

        table.FindAll("button.category-select")[2].Click();
        table.Render(p => p.Add(t => t.SelectedCategory, "Shirt"));

        Assert.Equal(["Shirt"], chosen);
        var selected = Assert.Single(table.FindAll("tr.selected-category"));
        Assert.Contains("Shirt", selected.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_recall_sits_beside_precision_and_a_category_without_instance_searches_shows_none()
    {
        IReadOnlyList<VisualRecSys.Web.Features.Quality.CategoryFigures> rows =
        [
            QualitySamples.Rows[0] with { Figures = QualitySamples.Rows[0].Figures with { InstanceSearches = 40, InstanceRecallAt1 = 0.925, InstanceRecallAt10 = 1.0 } },
            QualitySamples.Rows[1] with { Figures = QualitySamples.Rows[1].Figures with { InstanceSearches = 0 } },
            QualitySamples.Rows[2] with { Figures = QualitySamples.Rows[2].Figures with { InstanceSearches = 12, InstanceRecallAt1 = 0.5, InstanceRecallAt10 = 0.75 } },
        ];

        var table = Context.Render<CategoryMetricsTable>(p => p.Add(t => t.Rows, rows).Add(t => t.K, 10));

        Assert.Equal(["0.925", "–", "0.500"], table.FindAll("td.inst-r1").Select(c => c.TextContent.Trim()));
        Assert.Equal(["1.000", "–", "0.750"], table.FindAll("td.inst-r10").Select(c => c.TextContent.Trim()));
        Assert.Equal("40 instance searches", table.FindAll("td.inst-r1")[0].GetAttribute("title"));

        table.Find(".sort-inst-r1").Click();
        Assert.Equal(["Coat", "Shirt", "Bag"], Categories(table));
    }
}
