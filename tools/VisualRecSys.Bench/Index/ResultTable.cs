using System.Text;
using static System.FormattableString;

namespace VisualRecSys.Bench.Index;

/// <summary>The report as a fixed-width text table (and a Markdown one for the README).</summary>
internal static class ResultTable
{
    public static string Text(IndexBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{report.Dataset}: {report.Count:N0} × {report.Dim}, {report.Metric}, {report.Queries:N0} queries, {report.Index}; exact search {report.ExactQps:F1} q/s (one thread)"));
        text.AppendLine(" trees  search_k  build_s  index_MB  recall@10        q/s   p50_ms   p99_ms");
        foreach (var row in report.Rows)
        {
            text.AppendLine(Invariant(
                $"{row.Trees,6}  {row.SearchK,8}  {row.BuildSeconds,7:F1}  {row.IndexBytes / 1e6,8:F1}  {row.RecallAt10,9:F4}  {row.Qps,9:F1}  {row.P50Ms,7:F3}  {row.P99Ms,7:F3}"));
        }

        return text.ToString();
    }

    public static string Markdown(IndexBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine("| trees | search_k | build s | index MB | recall@10 | q/s | p50 ms | p99 ms |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(Invariant($"| exact | – | – | – | 1.0000 | {report.ExactQps:F1} | – | – |"));
        foreach (var row in report.Rows)
        {
            text.AppendLine(Invariant(
                $"| {row.Trees} | {row.SearchK} | {row.BuildSeconds:F1} | {row.IndexBytes / 1e6:F1} | {row.RecallAt10:F4} | {row.Qps:F1} | {row.P50Ms:F3} | {row.P99Ms:F3} |"));
        }

        return text.ToString();
    }
}
