using System.Text;
using VisualRecSys.Engine.Evaluation;
using static System.FormattableString;

namespace VisualRecSys.Web.Cli;

/// <summary>An evaluation report as a fixed-width table: overall, then one row per category; ANN latency below.</summary>
internal static class EvaluationTable
{
    private const int NameWidth = 20;

    public static string Text(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // P@k gets its own column only when it is not already one of the fixed ones.
        var extraK = report.K is not (1 or 5 or 10);
        var text = new StringBuilder();
        text.Append(Invariant($"{"category",-NameWidth} {"queries",8} {"P@1",6} {"P@5",6} {"P@10",6}"));
        text.Append(extraK ? Invariant($" {"P@" + report.K,6}") : "");
        text.AppendLine(Invariant($" {"mAP@" + report.K,7} {"ANN R@" + report.K,9}"));
        Row(text, "overall", report.Queries, report.PrecisionAt1, report.PrecisionAt5, report.PrecisionAt10, report.PrecisionAtK, report.MapAtK, report.AnnRecallAtK, extraK);
        foreach (var c in report.PerCategory)
        {
            Row(text, c.Category, c.Queries, c.PrecisionAt1, c.PrecisionAt5, c.PrecisionAt10, c.PrecisionAtK, c.MapAtK, c.AnnRecallAtK, extraK);
        }

        if (report.LatencyMs is { } latency)
        {
            text.AppendLine(Invariant($"ANN latency per query: p50 {latency.P50:F3} ms, p95 {latency.P95:F3} ms, p99 {latency.P99:F3} ms ({report.AnnIndex})"));
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, int queries, double p1, double p5, double p10, double pk, double map, double? recall, bool extraK)
    {
        var shown = name.Length > NameWidth ? name[..(NameWidth - 1)] + "…" : name;
        text.Append(Invariant($"{shown,-NameWidth} {queries,8:N0} {p1,6:F3} {p5,6:F3} {p10,6:F3}"));
        text.Append(extraK ? Invariant($" {pk,6:F3}") : "");
        text.AppendLine(Invariant($" {map,7:F3} {(recall is { } r ? r.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "–"),9}"));
    }
}
