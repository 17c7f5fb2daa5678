using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Bench.Index.Indexes;
using static System.FormattableString;

namespace VisualRecSys.Bench.Index;

/// <summary>Runs <c>index</c>: dataset, benchmark, then the JSON report, the PNG chart beside it and a table.</summary>
internal static class IndexBenchRunner
{
    /// <returns>The report that was written.</returns>
    public static IndexBenchReport Run(IndexBenchSettings settings, DirectoryInfo? dataDirectory, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        using var host = BenchHost.Build(dataDirectory);
        var benchDirectory = host.Services.GetRequiredService<BenchPaths>().Bench;

        var started = Stopwatch.GetTimestamp();
        var data = BenchDatasets.Load(settings, host.Services.GetRequiredService<IImageEmbedder>, benchDirectory, log, ct);
        var datasetSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        IBenchIndexBuilder builder = settings.Index == "exact" ? new ExactBenchIndex.Builder() : new ForestBenchIndex.Builder(settings.Forest);
        var workDirectory = Path.Combine(benchDirectory, Invariant($"work-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        var report = new IndexBenchmark(log).Run(data, settings, builder, workDirectory, datasetSeconds);

        var jsonPath = BenchReportFile.Write(report, settings.JsonPath);
        var pngPath = Path.ChangeExtension(jsonPath, ".png");
        RecallPlot.Write(report, pngPath);

        log.WriteLine();
        log.Write(ResultTable.Text(report));
        log.WriteLine(Invariant($"Wrote {jsonPath} and {pngPath}"));
        return report;
    }
}
