using System.Globalization;
using System.Text.Json;

namespace VisualRecSys.Load;

/// <summary>What a run measured: per kind of operation, the app's memory, and whether the targets were met.</summary>
internal sealed record LoadReport(
    string Target, int Seconds, int WarmupSeconds, int Circuits, int ApiWorkers, DateTimeOffset StartedAt,
    IReadOnlyList<KindFigures> Operations, int ConsoleErrors,
    long WorkingSetBaselineBytes, long WorkingSetEndBytes, long WorkingSetPeakBytes, double WorkingSetGrowthPercent,
    long ManagedHeapBaselineBytes, long ManagedHeapEndBytes, double MaxMemoryGrowthPercent)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public int Requests => Operations.Sum(o => o.Count);

    public int Errors => Operations.Sum(o => o.Errors) + ConsoleErrors;

    public bool MetTargets => Errors == 0 && WorkingSetGrowthPercent <= MaxMemoryGrowthPercent;

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Load on {Target} for {Seconds} s after {WarmupSeconds} s of warm-up: {ApiWorkers} API clients, {Circuits} Blazor circuits in Chromium"));
        output.WriteLine();
        output.WriteLine("  operation                      count   errors    p50 ms    p99 ms     per s");
        foreach (var o in Operations)
        {
            output.WriteLine(string.Create(c, $"  {o.Kind,-28} {o.Count,7:N0} {o.Errors,8:N0} {o.P50Ms,9:F1} {o.P99Ms,9:F1} {o.PerSecond,9:F1}"));
        }

        output.WriteLine(string.Create(c, $"  {"all",-28} {Requests,7:N0} {Errors - ConsoleErrors,8:N0} {"",9} {"",9} {Requests / (double)Seconds,9:F1}"));
        output.WriteLine(string.Create(c, $"  browser console errors: {ConsoleErrors}"));
        output.WriteLine();
        output.WriteLine(string.Create(c,
            $"App memory (working set): {WorkingSetBaselineBytes / 1e6:F0} MB after warm-up -> {WorkingSetEndBytes / 1e6:F0} MB at the end ({WorkingSetGrowthPercent:+0.0;-0.0} %), peak {WorkingSetPeakBytes / 1e6:F0} MB; managed heap {ManagedHeapBaselineBytes / 1e6:F0} -> {ManagedHeapEndBytes / 1e6:F0} MB"));
        foreach (var o in Operations.Where(o => o.Errors > 0))
        {
            output.WriteLine($"  {o.Kind} errors, first ones: {string.Join(" | ", o.FirstErrors)}");
        }

        output.WriteLine(MetTargets
            ? string.Create(c, $"Targets met: no errors, memory growth within {MaxMemoryGrowthPercent} %.")
            : string.Create(c, $"Targets MISSED: {Errors} errors, memory growth {WorkingSetGrowthPercent:F1} % (limit {MaxMemoryGrowthPercent} %)."));
    }

    public async Task WriteJsonAsync(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(directory!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, s_json);
    }
}
