using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using static System.FormattableString;

namespace VisualRecSys.Bench.Embed;

/// <summary>
/// Runs <c>embed</c>: in one process and on the same images, the ONNX session alone (inputs preprocessed beforehand,
/// batches of N, session runs only) against the whole pipeline (read → decode → resize → infer → append to a temporary
/// store), alternating the two for a few rounds after warming both up.
/// </summary>
internal static class EmbedBenchRunner
{
    // Raw inputs are preprocessed once; beyond this many images they are reused (inference cost does not depend on pixels).
    private const int MaxRawInputs = 256;

    // Images of each warm-up run (at least four batches).
    private const int WarmUpImages = 128;

    private static readonly string[] s_imageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"];

    public static async Task<EmbedBenchReport> RunAsync(EmbedBenchSettings settings, DirectoryInfo? dataDirectory, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        using var host = BenchHost.Build(dataDirectory);
        var services = host.Services;
        var paths = services.GetRequiredService<BenchPaths>();
        var embedders = services.GetRequiredService<ImageEmbedders>();
        var embedder = settings.Model is null ? embedders.Active : embedders.Get(settings.Model);
        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;

        var (source, files) = FindImages(paths);
        var images = Enumerable.Range(0, settings.Count).Select(i => files[i % files.Length]).ToArray();
        var pipelineOptions = new EmbeddingPipelineOptions { MaxBatchSize = settings.Batch, DecodeWorkers = options.DecodeWorkers };
        var workers = new EmbeddingPipeline(embedder, pipelineOptions).DecodeWorkers;
        log.WriteLine(Invariant($"bench embed: {settings.Count} images from {source} ({files.Length} files), batches of {settings.Batch}, {settings.Rounds} rounds"));
        log.WriteLine(Invariant($"model {embedder.ModelId} on {embedder.Provider.Name} ({embedder.Provider.Reason}); {workers} decode worker(s)"));

        var inputs = Preprocess(embedder, images.Take(Math.Min(images.Length, MaxRawInputs)).ToArray());
        var scratchRoot = Path.Combine(paths.Bench, Invariant($"embed-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        try
        {
            // Warm-up: the session's allocations for this batch size, and the pipeline's code compiled past its first tier
            // (a short warm-up left the first timed round a few percent slow).
            var warmUp = Math.Min(settings.Count, Math.Max(settings.Batch * 4, WarmUpImages));
            RawRun(embedder, inputs, warmUp, settings.Batch);
            await PipelineRunAsync(embedder, images.Take(warmUp).ToArray(), pipelineOptions, scratchRoot, ct);

            var rounds = new List<EmbedBenchRound>();
            for (var round = 1; round <= settings.Rounds; round++)
            {
                ct.ThrowIfCancellationRequested();
                var raw = RawRun(embedder, inputs, settings.Count, settings.Batch);
                var (pipeline, meanBatch) = await PipelineRunAsync(embedder, images, pipelineOptions, scratchRoot, ct);
                rounds.Add(new EmbedBenchRound { RawImagesPerSecond = Round(raw), PipelineImagesPerSecond = Round(pipeline), PipelineMeanBatch = Round(meanBatch) });
                log.WriteLine(Invariant($"  round {round}: raw {raw,7:F1} images/s   pipeline {pipeline,7:F1} images/s   ratio {pipeline / raw:F3}   mean batch {meanBatch:F1}"));
            }

            var bestRaw = rounds.Max(r => r.RawImagesPerSecond);
            var bestPipeline = rounds.Max(r => r.PipelineImagesPerSecond);
            var report = new EmbedBenchReport
            {
                Provider = embedder.Provider.Name,
                Model = embedder.Model.Name,
                Batch = settings.Batch,
                Count = settings.Count,
                RawImagesPerSecond = bestRaw,
                PipelineImagesPerSecond = bestPipeline,
                Ratio = Math.Round(bestPipeline / bestRaw, 3),
                ModelId = embedder.ModelId,
                ProviderReason = embedder.Provider.Reason,
                Rounds = rounds,
                IntraOpThreads = options.IntraOpThreads,
                DecodeWorkers = workers,
                Images = source,
                DistinctImages = Math.Min(files.Length, settings.Count),
                Date = DateTimeOffset.UtcNow,
                Machine = MachineInfo.Current(),
                Command = settings.Command,
            };

            var jsonPath = BenchReportFile.Write(report, settings.JsonPath);
            log.WriteLine(Invariant($"best: raw {bestRaw:F1} images/s, pipeline {bestPipeline:F1} images/s, ratio {report.Ratio:F3}; wrote {jsonPath}"));
            return report;
        }
        finally
        {
            if (Directory.Exists(scratchRoot))
            {
                Directory.Delete(scratchRoot, recursive: true);
            }
        }
    }

    /// <summary>The data directory's product images when there are any, else the demo catalog's.</summary>
    private static (string Source, string[] Files) FindImages(BenchPaths paths)
    {
        foreach (var directory in new[] { paths.Images, Path.Combine(paths.AssetsDirectory, "demo-catalog", "catalog") })
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => s_imageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (files.Length > 0)
            {
                return (directory, files);
            }
        }

        throw new FileNotFoundException($"No images to benchmark with: neither {paths.Images} nor the demo catalog under {paths.AssetsDirectory} has any.");
    }

    private static float[] Preprocess(OnnxImageEmbedder embedder, string[] files)
    {
        var length = embedder.InputFormat.InputLength;
        var inputs = new float[files.Length * length];
        for (var i = 0; i < files.Length; i++)
        {
            embedder.Preprocess(File.ReadAllBytes(files[i]), inputs.AsSpan(i * length, length));
        }

        return inputs;
    }

    /// <summary>Session runs alone: <paramref name="count"/> images in batches of <paramref name="batch"/> from the ready inputs.</summary>
    private static double RawRun(OnnxImageEmbedder embedder, float[] inputs, int count, int batch)
    {
        var length = embedder.InputFormat.InputLength;
        var available = inputs.Length / length;
        var output = new float[batch * embedder.Dimension];
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < count;)
        {
            var n = Math.Min(batch, count - done);

            // Whole batches from the ready inputs, cycling through them.
            var first = done % available;
            if (first + n > available)
            {
                first = 0;
            }

            n = Math.Min(n, available - first);
            embedder.EmbedPreprocessed(inputs.AsMemory(first * length, n * length), n, output.AsSpan(0, n * embedder.Dimension));
            done += n;
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The whole pipeline into a fresh temporary store (opened, run, committed and closed inside the timing).</summary>
    private static async Task<(double ImagesPerSecond, double MeanBatch)> PipelineRunAsync(OnnxImageEmbedder embedder, string[] files,
        EmbeddingPipelineOptions options, string scratchRoot, CancellationToken ct)
    {
        var directory = Path.Combine(scratchRoot, Guid.NewGuid().ToString("N"));
        var sources = files.Select((file, i) => ImageSource.FromFile(i, file)).ToArray();
        var clock = Stopwatch.StartNew();
        EmbeddingRunResult result;
        using (var store = EmbeddingStoreWriter.Open(directory, embedder.ModelId, embedder.Dimension))
        {
            result = await new EmbeddingPipeline(embedder, options).RunAsync(sources, store, null, ct);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Directory.Delete(directory, recursive: true);
        if (result.Embedded != files.Length)
        {
            throw new InvalidDataException(Invariant($"The pipeline embedded {result.Embedded} of {files.Length} images: {string.Join("; ", result.Failures.Take(3))}"));
        }

        return (files.Length / seconds, result.MeanBatchSize);
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
