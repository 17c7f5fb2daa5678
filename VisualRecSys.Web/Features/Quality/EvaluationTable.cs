using System.Globalization;
using System.Text;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using static System.FormattableString;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>
/// An evaluation report as fixed-width tables: overall, then one row per category, with both ground truths side by side
/// (category precision, and instance recall when measured); ANN latency and the instance figures per edit below.
/// </summary>
public static class EvaluationTable
{
    private const int NameWidth = 20;

    public static string Text(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // P@k gets its own column only when it is not already one of the fixed ones.
        var extraK = report.K is not (1 or 5 or 10);
        var instance = report.Instance is not null;
        var text = new StringBuilder();
        text.Append(Invariant($"{"category",-NameWidth} {"queries",8} {"P@1",6} {"P@5",6} {"P@10",6}"));
        text.Append(extraK ? Invariant($" {"P@" + report.K,6}") : "");
        text.Append(Invariant($" {"mAP@" + report.K,7} {"ANN R@" + report.K,9}"));
        text.AppendLine(instance ? Invariant($" {"inst R@1",8} {"inst R@10",9}") : "");
        foreach (var row in report.PerCategory.Prepend(report.Overall()))
        {
            Row(text, row, extraK, instance);
        }

        if (report.LatencyMs is { } latency)
        {
            text.AppendLine(Invariant($"ANN latency per query: p50 {latency.P50:F3} ms, p95 {latency.P95:F3} ms, p99 {latency.P99:F3} ms ({report.AnnIndex})"));
        }

        if (report.Instance is { } figures)
        {
            text.AppendLine(Instance(figures));
        }

        return text.ToString();
    }

    /// <summary>The instance figures: what was searched, overall, and per edit kind.</summary>
    public static string Instance(InstanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(report.GroundTruth == InstanceGroundTruth.Edits
            ? Invariant($"Instance (edited copies must find their original): {report.Queries:N0} products × {report.EditsPerQuery} copies = {report.Searches:N0} searches, seed {report.Seed}")
            : Invariant($"Instance (item ids: each query image must find a gallery image of its item): {report.Searches:N0} searches, seed {report.Seed}"));
        text.AppendLine(Invariant($"  recall@1 {report.RecallAt1:F3}   recall@10 {report.RecallAt10:F3}   MRR {report.Mrr:F3}"));
        foreach (var edit in report.PerEdit)
        {
            text.AppendLine(Invariant($"  {edit.Edit.Name(),-14} {edit.Searches,6:N0} searches   R@1 {edit.RecallAt1:F3}   R@10 {edit.RecallAt10:F3}   MRR {edit.Mrr:F3}"));
        }

        return text.ToString().TrimEnd();
    }

    private static void Row(StringBuilder text, CategoryReport row, bool extraK, bool instance)
    {
        var name = row.Category;
        var shown = name.Length > NameWidth ? name[..(NameWidth - 1)] + "…" : name;
        text.Append(Invariant($"{shown,-NameWidth} {row.Queries,8:N0} {row.PrecisionAt1,6:F3} {row.PrecisionAt5,6:F3} {row.PrecisionAt10,6:F3}"));
        text.Append(extraK ? Invariant($" {row.PrecisionAtK,6:F3}") : "");
        text.Append(Invariant($" {row.MapAtK,7:F3} {(row.AnnRecallAtK is { } r ? r.ToString("F3", CultureInfo.InvariantCulture) : "–"),9}"));
        text.AppendLine(instance ? Invariant($" {row.InstanceRecallAt1 ?? 0,8:F3} {row.InstanceRecallAt10 ?? 0,9:F3}") : "");
    }
}
