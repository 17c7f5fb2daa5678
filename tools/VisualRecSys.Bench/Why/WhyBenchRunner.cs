using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Explain;
using static System.FormattableString;

namespace VisualRecSys.Bench.Why;

/// <summary>What <c>why</c> measures.</summary>
internal sealed record WhyBenchSettings
{
    public int Grid { get; init; } = 7;

    public int Pairs { get; init; } = 5;

    public string? Model { get; init; }

    public required string JsonPath { get; init; }

    public string? Command { get; init; }
}

/// <summary>The <c>why</c> report.</summary>
internal sealed record WhyBenchReport
{
    [JsonPropertyName("model_id")]
    public required string ModelId { get; init; }

    [JsonPropertyName("grid")]
    public required int Grid { get; init; }

    [JsonPropertyName("cold_ms")]
    public required double ColdMs { get; init; }

    [JsonPropertyName("median_ms")]
    public required double MedianMs { get; init; }

    [JsonPropertyName("max_ms")]
    public required double MaxMs { get; init; }

    [JsonPropertyName("mean_passes")]
    public required double MeanPasses { get; init; }

    [JsonPropertyName("bare_runs_ms")]
    public required double BareRunsMs { get; init; }

    [JsonPropertyName("pairs")]
    public required IReadOnlyList<WhyBenchPair> Pairs { get; init; }

    [JsonPropertyName("date")]
    public required DateTimeOffset Date { get; init; }

    [JsonPropertyName("machine")]
    public required MachineInfo Machine { get; init; }

    [JsonPropertyName("command")]
    public string? Command { get; init; }
}

/// <summary>One pair: its maps' time, the model runs they took, and the same number of bare runs' time just after.</summary>
internal sealed record WhyBenchPair(
    [property: JsonPropertyName("ms")] double Ms,
    [property: JsonPropertyName("passes")] int Passes,
    [property: JsonPropertyName("bare_ms")] double BareMs);

/// <summary>
/// Runs <c>why</c>: the first pair in a fresh process (the session's first runs, the cold call the app's first "Why?"
/// pays), then <see cref="WhyBenchSettings.Pairs"/> more, each followed by as many bare runs of the model on the same
/// squares unmasked, so a loaded machine slows both alike and the ratio stays honest.
/// </summary>
internal static class WhyBenchRunner
{
    public static WhyBenchReport Run(WhyBenchSettings settings, DirectoryInfo? dataDirectory, TextWriter log)
    {
        using var host = BenchHost.Build(dataDirectory);
        var paths = host.Services.GetRequiredService<BenchPaths>();
        var embedders = host.Services.GetRequiredService<ImageEmbedders>();
        var embedder = settings.Model is null ? embedders.Active : embedders.Get(settings.Model);
        var model = new CountingModel(PixelModels.For(embedder));
        var images = Directory.GetFiles(Path.Combine(paths.AssetsDirectory, "demo-catalog", "catalog"), "*.png", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Take(2 * (settings.Pairs + 1)).Select(File.ReadAllBytes).ToArray();
        log.WriteLine(Invariant($"bench why: {settings.Grid}×{settings.Grid}, model {embedder.ModelId} on {embedder.Provider.Name}, 1 cold + {settings.Pairs} pairs"));

        var cold = Time(() => OcclusionSensitivity.Explain(model, images[0], images[1], settings.Grid));
        log.WriteLine(Invariant($"  cold pair: {cold:F0} ms, {model.Passes} model passes"));
        var pairs = new List<WhyBenchPair>();
        for (var p = 1; p <= settings.Pairs; p++)
        {
            model.Passes = 0;
            var ms = Time(() => OcclusionSensitivity.Explain(model, images[2 * p], images[(2 * p) + 1], settings.Grid));
            var passes = model.Passes;
            var bare = BareRuns(model, images[2 * p], passes);
            pairs.Add(new WhyBenchPair(Math.Round(ms, 1), passes, Math.Round(bare, 1)));
            log.WriteLine(Invariant($"  pair {p}: {ms,6:F0} ms for {passes} passes; the same passes bare {bare,6:F0} ms"));
        }

        var sorted = pairs.Select(p => p.Ms).Order().ToList();
        var report = new WhyBenchReport
        {
            ModelId = embedder.ModelId,
            Grid = settings.Grid,
            ColdMs = Math.Round(cold, 1),
            MedianMs = sorted[sorted.Count / 2],
            MaxMs = sorted[^1],
            MeanPasses = Math.Round(pairs.Average(p => p.Passes), 1),
            BareRunsMs = pairs.Select(p => p.BareMs).Order().ToList()[pairs.Count / 2],
            Pairs = pairs,
            Date = DateTimeOffset.UtcNow,
            Machine = MachineInfo.Current(),
            Command = settings.Command,
        };
        var path = BenchReportFile.Write(report, settings.JsonPath);
        log.WriteLine(Invariant($"median {report.MedianMs:F0} ms (bare runs {report.BareRunsMs:F0} ms), cold {report.ColdMs:F0} ms; wrote {path}"));
        return report;
    }

    /// <summary>Milliseconds of <paramref name="passes"/> model runs on one unmasked square, in the model's batch size.</summary>
    private static double BareRuns(IPixelModel model, byte[] image, int passes)
    {
        var length = 3 * model.InputSize * model.InputSize;
        var square = new float[length];
        model.Render(image, square);
        var batch = Math.Max(1, model.BatchSize);
        var buffer = new float[batch * length];
        var vectors = new float[batch * model.Dimension];
        return Time(() =>
        {
            for (var done = 0; done < passes; done += batch)
            {
                var count = Math.Min(batch, passes - done);
                for (var i = 0; i < count; i++)
                {
                    square.CopyTo(buffer, i * length);
                }

                model.Embed(buffer.AsMemory(0, count * length), count, vectors.AsSpan(0, count * model.Dimension));
            }
        });
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Counts the squares the maps send through the model.</summary>
    private sealed class CountingModel(IPixelModel inner) : IPixelModel
    {
        public int Passes { get; set; }

        public string ModelId => inner.ModelId;

        public int Dimension => inner.Dimension;

        public int InputSize => inner.InputSize;

        public int BatchSize => inner.BatchSize;

        public void Render(ReadOnlySpan<byte> encodedImage, Span<float> planes) => inner.Render(encodedImage, planes);

        public void Embed(Memory<float> planes, int count, Span<float> destination)
        {
            Passes += count;
            inner.Embed(planes, count, destination);
        }
    }
}
