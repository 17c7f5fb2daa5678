using VisualRecSys.Data.Importing;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

public sealed class ConsoleProgressBarTests
{
    [Fact]
    public void On_a_terminal_the_bar_is_redrawn_in_place_and_the_last_report_always_shows()
    {
        using var output = new StringWriter();
        var bar = new ConsoleProgressBar(output, inPlace: true);

        bar.Report(new ImportProgress(0, 70_000));
        bar.Report(new ImportProgress(35_000, 70_000));
        bar.Report(new ImportProgress(70_000, 70_000));
        bar.Finish();

        var text = output.ToString();
        Assert.StartsWith("\r[..............................] 0/70,000   0%", text, StringComparison.Ordinal);
        Assert.EndsWith("\r[##############################] 70,000/70,000 100%" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text.TrimEnd());
    }

    [Fact]
    public void Redirected_output_gets_a_line_per_tenth()
    {
        using var output = new StringWriter();
        var bar = new ConsoleProgressBar(output, inPlace: false);

        for (var done = 0; done <= 1000; done += 50)
        {
            bar.Report(new ImportProgress(done, 1000));
        }

        bar.Finish();

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("0/1,000 (0%)", lines[0]);
        Assert.Equal("1,000/1,000 (100%)", lines[^1]);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public void The_summary_gives_counts_seconds_and_the_skip_reasons()
    {
        var report = new ImportReport(12, 9, 1, 2, ["a.jpg: file not found", "b.jpg: corrupt"], HeldOut: 3, Categories: 4, TimeSpan.FromSeconds(2.5));

        var lines = CatalogVerbs.Summary("DeepFashion", report, "/data").ToList();

        Assert.Equal(
            [
                "Imported DeepFashion into /data: 9 added, 1 already present, 2 skipped of 12 in 4 categories, in 2.5 s.",
                "3 query rows held out (not products).",
                "Skipped:",
                "  a.jpg: file not found",
                "  b.jpg: corrupt",
            ],
            lines);
    }
}
