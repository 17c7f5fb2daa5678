using Bunit;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Quality.Comparison;
using static VisualRecSys.Web.Tests.Features.Quality.QualitySamples;

namespace VisualRecSys.Web.Tests.Features.Quality;

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

    // Both runs measured instance figures. B gains on categories and loses on instance recall in Bag; Coat gains on both.
    private static RunComparison WithInstance()
    {
        var a = Report(0.70, 0.60, 0.50, null,
            Category("Bag", 0.80, 0.70, 0.60, instanceR1: 0.90, instanceR10: 0.98), Category("Coat", 0.70, 0.60, 0.50, instanceR1: 0.60, instanceR10: 0.80))
            with { Instance = Instance(0.75, 0.89, 0.80) };
        var b = Report(0.75, 0.65, 0.55, null,
            Category("Bag", 0.90, 0.80, 0.70, instanceR1: 0.70, instanceR10: 0.98), Category("Coat", 0.75, 0.65, 0.55, instanceR1: 0.70, instanceR10: 0.85))
            with { Instance = Instance(0.70, 0.915, 0.76) with { PerEdit = [Edit(Engine.Evaluation.Instance.ImageEditKind.CropShift, 0.8, 0.9, 0.85), Edit(Engine.Evaluation.Instance.ImageEditKind.Greyscale, 0.5, 0.7, 0.6)] } };
        return RunComparison.Of(Run(1, a), a, Run(2, b), b);
    }

    [Fact]
    public void Instance_recall_is_compared_beside_precision_overall_and_per_category()
    {
        var table = Context.Render<RunComparisonTable>(p => p.Add(t => t.Comparison, WithInstance()));

        var headings = table.FindAll("th.figure-group").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["P@1", "P@5", "P@10", "mAP@10", "ANN R@10", "Inst. R@1", "Inst. R@10"], headings);
        Assert.Contains("Instance", table.Find("th.axis-group.axis-instance").TextContent, StringComparison.Ordinal);
        var overall = table.Find("tr[data-category='overall']");
        Assert.Equal("−0.050", Delta(overall, "Inst. R@1"));
        Assert.Equal("+0.025", Delta(overall, "Inst. R@10"));
        var bag = table.Find("tr[data-category='Bag']");
        Assert.Equal("−0.200", Delta(bag, "Inst. R@1"));
        Assert.Equal("0.000", Delta(bag, "Inst. R@10"));
        Assert.Equal("+0.100", Delta(table.Find("tr[data-category='Coat']"), "Inst. R@1"));
    }

    [Fact]
    public void A_row_whose_figures_moved_both_ways_is_marked_mixed_and_each_difference_keeps_its_own_colour()
    {
        var table = Context.Render<RunComparisonTable>(p => p.Add(t => t.Comparison, WithInstance()));

        // Bag: four precision figures up, instance R@1 down. Not a red row.
        var bag = table.Find("tr[data-category='Bag']");
        Assert.Contains("trend-mixed", bag.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("trend-regressed", bag.ClassName, StringComparison.Ordinal);
        Assert.Equal("4 figure(s) improved, 1 regressed", bag.GetAttribute("title"));
        Assert.Contains("delta-improved", bag.QuerySelector("td.delta[data-figure='P@1']")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("delta-regressed", bag.QuerySelector("td.delta[data-figure='Inst. R@1']")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("delta-unchanged", bag.QuerySelector("td.delta[data-figure='Inst. R@10']")!.ClassName, StringComparison.Ordinal);
        // Coat improved on both ground truths.
        Assert.Contains("trend-improved", table.Find("tr[data-category='Coat']").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_edit_rows_compare_recall_and_mrr_and_an_edit_only_one_run_made_has_no_difference()
    {
        var table = Context.Render<EditComparisonTable>(p => p.Add(t => t.Comparison, WithInstance()));

        Assert.Equal(["overall", "crop_shift", "tone", "blur", "jpeg", "greyscale"], table.FindAll("tr.comparison-row").Select(r => r.GetAttribute("data-edit")));
        var overall = table.Find("tr[data-edit='overall']");
        Assert.Equal("400 / 400", overall.QuerySelector("td.figure")!.TextContent.Trim());
        Assert.Equal("−0.040", Delta(overall, "MRR"));
        Assert.Contains("trend-mixed", overall.ClassName, StringComparison.Ordinal);
        // A's crop_shift: R@1 0.80, R@10 0.89, MRR 0.80; B's: 0.80, 0.90, 0.85.
        var crop = table.Find("tr[data-edit='crop_shift']");
        Assert.Equal(("0.000", "+0.010", "+0.050"), (Delta(crop, "R@1"), Delta(crop, "R@10"), Delta(crop, "MRR")));
        Assert.Contains("trend-improved", crop.ClassName, StringComparison.Ordinal);
        Assert.Equal("–", Delta(table.Find("tr[data-edit='greyscale']"), "R@1"));
        Assert.Equal("100 / 0", table.Find("tr[data-edit='tone'] td.figure").TextContent.Trim());
    }

    [Fact]
    public void A_run_without_instance_figures_leaves_them_uncompared_and_says_why()
    {
        var a = Report(0.7, 0.6, 0.5, null, Category("Bag", 0.8, 0.7, 0.6));
        var b = Report(0.7, 0.6, 0.5, null, Category("Bag", 0.8, 0.7, 0.6, instanceR1: 0.9)) with { Instance = Instance(0.9, 0.95, 0.92) };

        var comparison = RunComparison.Of(Run(1, a), a, Run(2, b), b);
        var table = Context.Render<RunComparisonTable>(p => p.Add(t => t.Comparison, comparison));

        Assert.Contains("Run 1 has no instance figures (not asked for): they are not compared.", comparison.Caveats);
        Assert.Equal("–", Delta(table.Find("tr[data-category='Bag']"), "Inst. R@1"));
        Assert.Contains("trend-unchanged", table.Find("tr[data-category='Bag']").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_figures_from_different_searches_are_compared_with_a_caveat()
    {
        var a = Report(0.7, 0.6, 0.5, null, Category("Bag", 0.8, 0.7, 0.6, instanceR1: 0.9)) with { Instance = Instance(0.9, 0.95, 0.92) };
        var b = a with { Instance = Instance(0.9, 0.95, 0.92) with { EditsPerQuery = 2, Searches = 200 } };

        var comparison = RunComparison.Of(Run(1, a), a, Run(2, b), b);

        Assert.Contains("The instance figures come from different searches (400 searches: 100 products × 4 edits, seed 42, and 200 searches: 100 products × 2 edits, seed 42).",
            comparison.Caveats);
    }

    [Fact]
    public void The_overall_row_is_judged_by_the_same_rule_as_the_categories()
    {
        // Overall: P@1, P@5, P@10 and mAP up, ANN recall down. Four of five improved: mixed, not red.
        var a = Report(0.70, 0.60, 0.50, 0.99, Category("Bag", 0.80, 0.70, 0.60, recall: 0.99));
        var b = Report(0.75, 0.65, 0.55, 0.95, Category("Bag", 0.80, 0.70, 0.60, recall: 0.99));

        var table = Context.Render<RunComparisonTable>(p => p.Add(t => t.Comparison, RunComparison.Of(Run(1, a), a, Run(2, b, build: 7), b)));

        var overall = table.Find("tr[data-category='overall']");
        Assert.Contains("trend-mixed", overall.ClassName, StringComparison.Ordinal);
        Assert.Equal("4 figure(s) improved, 1 regressed", overall.GetAttribute("title"));
    }

    [Fact]
    public void Each_figure_takes_two_columns_b_and_its_difference_with_a_in_the_title()
    {
        var table = Context.Render<RunComparisonTable>(p => p.Add(t => t.Comparison, WithInstance()));

        // 7 figures × (B, Δ) beside the category and its queries: 16 columns, not 23 (which did not fit 1440 px).
        Assert.Equal(16, table.FindAll("tr[data-category='overall'] > *").Count);
        var bag = table.Find("tr[data-category='Bag'] td.figure-b[data-figure='P@1']");
        Assert.Equal("0.900", bag.TextContent.Trim());
        Assert.Equal("P@1: A 0.800, B 0.900", bag.GetAttribute("title"));
    }
}
