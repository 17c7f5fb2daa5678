using ScottPlot;
using ScottPlot.TickGenerators;
using static System.FormattableString;

namespace VisualRecSys.Bench.Index;

/// <summary>Recall@10 against queries per second, one line per trees value, queries/s on a log scale.</summary>
internal static class RecallPlot
{
    public const int Width = 900;
    public const int Height = 600;

    public static void Write(IndexBenchReport report, string pngPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var series = 0;
        foreach (var group in report.Rows.GroupBy(r => r.Trees).OrderBy(g => g.Key))
        {
            var points = group.OrderBy(r => r.SearchK).ToArray();
            var line = plot.Add.Scatter(points.Select(r => r.RecallAt10).ToArray(), points.Select(r => Log10(r.Qps)).ToArray());
            line.Color = palette.GetColor(series++);
            line.LegendText = report.Index == "forest" ? Invariant($"{group.Key} trees") : report.Index;
            line.MarkerSize = 7;
            line.LineWidth = 2;
        }

        if (report.ExactQps > 0)
        {
            // Brute force is the reference every index must beat: recall 1 at this speed.
            var exact = plot.Add.Marker(1.0, Log10(report.ExactQps), MarkerShape.FilledDiamond, 12, Colors.Black);
            exact.LegendText = Invariant($"exact ({report.ExactQps:F0} q/s)");
        }

        // ScottPlot draws linear axes; plot log10(q/s) and label the ticks with the values they stand for.
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Invariant($"{Math.Pow(10, y):N0}"),
        };
        plot.Title(Invariant($"{report.Dataset} ({report.Count:N0} × {report.Dim}, {report.Metric}), {report.Queries:N0} queries, one thread"));
        plot.XLabel("recall@10");
        plot.YLabel("queries per second (log scale)");
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(pngPath, Width, Height);
    }

    // A zero rate (no queries) would be -∞ on a log axis; draw it at 1 q/s instead.
    private static double Log10(double value) => Math.Log10(Math.Max(value, 1));
}
