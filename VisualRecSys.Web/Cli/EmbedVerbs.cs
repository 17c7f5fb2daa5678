using System.CommandLine;
using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Models;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Heads;

namespace VisualRecSys.Web.Cli;

/// <summary><c>embed</c>: image embeddings for the products.</summary>
internal static class EmbedVerbs
{
    /// <summary>Failures listed one by one; beyond this many only their number is printed.</summary>
    private const int ListedFailures = 10;

    public static Command Embed(Option<DirectoryInfo?> dataDir)
    {
        var model = ModelOption.Create("The model to embed with.");
        var batch = new Option<int?>("--batch")
        {
            Description = $"Images per model run. Default: {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.MaxBatchSize)} (16).",
        }.Between(1, EmbeddingOptionsValidator.MaxBatchSizeLimit);
        var command = new Command("embed", "Embed every product that has no vector yet for the model, appending to its embedding store.") { model, batch };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);

            var modelName = parse.GetValue(model);
            string modelId;
            int batchSize;
            try
            {
                if (ModelId.NamesHead(modelName))
                {
                    // A head model: the backbone runs on the images it lacks, then the head on the stored vectors.
                    var head = services.GetRequiredService<HeadLibrary>().Get(modelName!);
                    var backbone = services.GetRequiredService<ImageEmbedders>().Get(head.BackboneModelId);
                    modelId = head.Id;
                    batchSize = parse.GetValue(batch) ?? backbone.MaxBatchSize;
                    parse.InvocationConfiguration.Output.WriteLine($"Head model {head.Id} on backbone {backbone.ModelId} ({backbone.Provider.Name}: {backbone.Provider.Reason}){(head.MirrorAtQuery ? "; images and their mirror images" : "")}");
                }
                else
                {
                    var embedders = services.GetRequiredService<ImageEmbedders>();
                    var embedder = modelName is { } name ? embedders.Get(name) : embedders.Active;
                    modelId = embedder.ModelId;
                    batchSize = parse.GetValue(batch) ?? embedder.MaxBatchSize;
                    parse.InvocationConfiguration.Output.WriteLine($"Model {embedder.ModelId} on {embedder.Provider.Name} ({embedder.Provider.Reason}); batches of up to {batchSize}");
                }
            }
            catch (Exception e) when (e is ArgumentException or ExecutionProviderUnavailableException or FileNotFoundException or InvalidDataException)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 1;
            }

            var progress = ConsoleProgressBar.ForConsole();
            ProductEmbedResult result;
            try
            {
                result = await services.GetRequiredService<ProductEmbedder>()
                    .EmbedMissingAsync(new ProductEmbedRequest(modelId, batchSize), progress, ct);
            }
            catch (EmbeddingStoreBusyException e)
            {
                // Another run (the app, or a second verb) owns the store: say so plainly, without a stack trace.
                progress.Finish();
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 1;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                progress.Finish();
                parse.InvocationConfiguration.Error.WriteLine("Stopped; what was embedded is stored, and the next run continues from there.");
                return 130;
            }
            finally
            {
                progress.Finish();
            }

            var run = result.Run;
            foreach (var failure in run.Failures.Take(ListedFailures))
            {
                parse.InvocationConfiguration.Error.WriteLine($"  product {failure.Id}: {failure.Reason}");
            }

            if (run.Failures.Count > ListedFailures)
            {
                parse.InvocationConfiguration.Error.WriteLine($"  ... and {run.Failures.Count - ListedFailures} more unusable images");
            }

            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Embedded {run.Embedded:N0} images ({run.Failures.Count:N0} unusable, {run.Skipped:N0} already stored) in {run.Elapsed.TotalSeconds:F1} s "
                + $"({run.ImagesPerSecond:F1} images/s); {result.Matrix.Count:N0} vectors of {result.Matrix.Dimension} dimensions in {result.StorePath}"));
            return 0;
        });
        return command;
    }
}
