using Bunit;
using VisualRecSys.Web.Components.Pages.Quality;
using VisualRecSys.Web.Quality.Comparison;
using static VisualRecSys.Web.Tests.Components.Quality.QualitySamples;

namespace VisualRecSys.Web.Tests.Components.Quality;

public class RunComparisonTableTests : MudTestContext
{
    // A: raw embeddings without an index; B: a tuned model measured on an index. Bag gains, Coat loses, Shirt holds,
    // Dress only exists in B.
    private static RunComparison Sample()
    {
        var a = Report(0.70, 0.60, 0.50, null,
            Category("Bag", 0.80, 0.70, 0.60), Category("Coat", 0.70, 0.60, 0.50), Category("Shirt", 0.60, 0.50, 0.40));
        var b = Report(0.75, 0.62, 0.52, 0.98,
            Category("Bag", 0.90, 0.80, 0.70, recall: 0.99), Category("Coat", 0.60, 0.55, 0.45, recall: 0.97),
            Category("Shirt", 0.602, 0.50, 0.40, recall: 0.98), Category("Dress", 0.50, 0.40, 0.30, recall: 0.96));
        return RunComparison.Of(Run(1, a), a, Run(2, b, build: 7), b);
    }

    private static string Delta(AngleSharp.Dom.IElement row, string figure) =>
        row.QuerySelector($"td.delta[data-figure='{figure}']")!.TextContent.Trim();

    [Fact]
    public void Lists_the_overall_row_then_every_category_of_either_run()
    {
        var table = Context.Render<RunComparisonTable>(p => p.Add(t => t.Comparison, Sample()));

        Assert.Equal(["overall", "Bag", "Coat", "Shirt", "Dress"], table.FindAll("tr.comparison-row").Select(r => r.GetAttribute("data-category")));
        var bag = table.Find("tr[data-category='Bag']");
        Assert.Equal("+0.100", Delta(bag, "P@1"));
        Assert.Equal("+0.100", Delta(bag, "mAP@10"));
        Assert.Equal("−0.100", Delta(table.Find("tr[data-category='Coat']"), "P@1"));
        // A figure one run lacks has no difference: A measured no index, Dress had no queries in A.
        Assert.Equal("–", Delta(bag, "ANN R@10"));
        Assert.Equal("–", Delta(table.Find("tr[data-category='Dress']"), "P@10"));
        Assert.Contains("0 / 20", table.Find("tr[data-category='Dress']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Improvements_and_regressions_are_highlighted_and_small_changes_are_not()
    {
        var table = Context.Render<RunComparisonTable>(p => p.Add(t => t.Comparison, Sample()));

        Assert.Contains("trend-improved", table.Find("tr[data-category='Bag']").ClassName, StringComparison.Ordinal);
        Assert.Contains("trend-regressed", table.Find("tr[data-category='Coat']").ClassName, StringComparison.Ordinal);
        Assert.Contains("trend-unchanged", table.Find("tr[data-category='Shirt']").ClassName, StringComparison.Ordinal);
        Assert.Contains("delta-improved", table.Find("tr[data-category='Bag'] td.delta[data-figure='P@10']").ClassName, StringComparison.Ordinal);
        Assert.Contains("delta-regressed", table.Find("tr[data-category='Coat'] td.delta[data-figure='P@10']").ClassName, StringComparison.Ordinal);
        // +0.002 on Shirt's P@1 is under the noticeable change: shown, not highlighted.
        var shirt = table.Find("tr[data-category='Shirt'] td.delta[data-figure='P@1']");
        Assert.Equal("+0.002", shirt.TextContent.Trim());
        Assert.Contains("delta-unchanged", shirt.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_with_different_k_are_compared_with_a_caveat()
    {
        var a = Report(0.7, 0.6, 0.5, null, Category("Bag", 0.8, 0.7, 0.6)) with { K = 5 };
        var b = Report(0.7, 0.6, 0.5, null, Category("Bag", 0.8, 0.7, 0.6));

        var comparison = RunComparison.Of(Run(1, a), a, Run(2, b), b);
        var table = Context.Render<RunComparisonTable>(p => p.Add(t => t.Comparison, comparison));

        Assert.Contains(comparison.Caveats, c => c.Contains("different k (5 and 10)", StringComparison.Ordinal));
        Assert.Contains("mAP@k", table.Markup, StringComparison.Ordinal);
    }
}
