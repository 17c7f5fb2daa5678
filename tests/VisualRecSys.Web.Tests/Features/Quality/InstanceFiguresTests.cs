using Bunit;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Quality;
using static VisualRecSys.Web.Tests.Features.Quality.QualitySamples;

namespace VisualRecSys.Web.Tests.Features.Quality;

public class InstanceFiguresTests : MudTestContext
{
    private static string Tile(IRenderedComponent<InstanceFigures> view, string name) =>
        view.Find($".instance-figure[data-figure='{name}'] .overall-value").TextContent.Trim();

    [Fact]
    public void Shows_the_overall_instance_figures_and_one_row_per_edit()
    {
        var report = Report(0.7, 0.6, 0.5, null, Category("Bag", 0.8, 0.7, 0.6, instanceR1: 0.9)) with { Instance = Instance(0.83, 0.955, 0.871) };

        var view = Context.Render<InstanceFigures>(p => p.Add(v => v.Run, Run(1, report)).Add(v => v.Report, report));

        Assert.Equal("0.830", Tile(view, "Inst. R@1"));
        Assert.Equal("0.955", Tile(view, "Inst. R@10"));
        Assert.Equal("0.871", Tile(view, "MRR"));
        Assert.Equal("400", Tile(view, "Searches"));
        Assert.Equal("edited copies", Tile(view, "Ground truth"));
        Assert.Equal("4", Tile(view, "Edits per product"));
        var summary = view.Find(".instance-summary").TextContent;
        Assert.Contains("400 searches: 100 sampled products (seed 42) × 4 edited copies", summary, StringComparison.Ordinal);
        Assert.Contains("ranked to depth 100", summary, StringComparison.Ordinal);

        var rows = view.FindAll("tr.edit-row");
        Assert.Equal(["crop_shift", "tone", "jpeg", "blur"], rows.Select(r => r.GetAttribute("data-edit")));
        var blur = rows[3];
        Assert.Equal("blur", blur.QuerySelector(".edit-name")!.TextContent.Trim());
        Assert.Contains("Gaussian blur", blur.QuerySelector(".edit-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(("100", "0.760", "0.955", "0.871"), (
            blur.QuerySelector(".edit-searches")!.TextContent.Trim(), blur.QuerySelector(".edit-r1")!.TextContent.Trim(),
            blur.QuerySelector(".edit-r10")!.TextContent.Trim(), blur.QuerySelector(".edit-mrr")!.TextContent.Trim()));
        Assert.Empty(view.FindAll(".instance-not-measured"));
    }

    [Fact]
    public void A_run_without_instance_figures_says_why()
    {
        var report = Report(0.7, 0.6, 0.5, null, Category("Bag", 0.8, 0.7, 0.6));
        var run = Run(3, report) with { InstanceNotMeasuredReason = "model 'vectors-v1' cannot embed images here (no such model)" };

        var view = Context.Render<InstanceFigures>(p => p.Add(v => v.Run, run).Add(v => v.Report, report));

        Assert.Equal("Instance figures not measured: model 'vectors-v1' cannot embed images here (no such model).",
            view.Find(".instance-not-measured").TextContent.Trim());
        Assert.Empty(view.FindAll(".instance-figure"));
        Assert.Empty(view.FindAll("tr.edit-row"));
    }

    [Fact]
    public void A_run_stored_before_instance_evaluations_says_so_rather_than_showing_nothing()
    {
        var report = Report(0.7, 0.6, 0.5, null, Category("Bag", 0.8, 0.7, 0.6));
        var run = Run(3, report) with { InstanceNotMeasuredReason = null };

        var view = Context.Render<InstanceFigures>(p => p.Add(v => v.Run, run).Add(v => v.Report, report));

        Assert.Contains("the run was made before instance evaluations were stored", view.Find(".instance-not-measured").TextContent, StringComparison.Ordinal);
    }
}
