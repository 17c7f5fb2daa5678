using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Catalog;
using VisualRecSys.Web.Heads;
using static System.FormattableString;

namespace VisualRecSys.Web.Cli;

/// <summary><c>train-head</c>: a category head on a backbone's vectors, saved as a model of its own.</summary>
internal static class HeadVerbs
{
    /// <summary>Most epochs accepted; training stops early long before on any real catalog.</summary>
    public const int MaxEpochs = 1000;

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static Command TrainHead(Option<DirectoryInfo?> dataDir)
    {
        var epochs = new Option<int?>("--epochs") { Description = "Most epochs (early stopping on held-out training products usually ends sooner). Default: 40." };
        epochs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is int n && (n < 1 || n > MaxEpochs))
            {
                result.AddError(Invariant($"--epochs must be between 1 and {MaxEpochs}; got {n}."));
            }
        });
        var backbone = ModelOption.Create("The backbone whose vectors the head takes.");
        var noMirror = new Option<bool>("--no-mirror") { Description = "Do not use mirror images (neither as augmentation nor at query time)." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write { model, epochs, validation_accuracy, seconds, ... } to this file." };
        var command = new Command(
            "train-head",
            $"Train a category head (Linear → ReLU → dropout → Linear, softmax cross-entropy, AdamW, early stopping) on the backbone's vectors of split {ProductSplit.Train} (else {ProductSplit.Catalog}); embeds missing images first. Prints the new model id, which embed, build-index and evaluate accept with --model.")
        {
            epochs, backbone, noMirror, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var request = new HeadTrainingRequest(parse.GetValue(epochs), parse.GetValue(backbone), Mirror: !parse.GetValue(noMirror));
            var bar = new ConsoleProgressBar(output, inPlace: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
            var stage = "";
            var progress = new InlineProgress<HeadTrainingProgress>(p =>
            {
                if (p.Embedding is { } embedding)
                {
                    if (p.Stage != stage)
                    {
                        bar.Finish();
                        output.WriteLine(Invariant($"{char.ToUpperInvariant(p.Stage[0])}{p.Stage[1..]}:"));
                        stage = p.Stage;
                    }

                    bar.Report(embedding);
                }
                else if (p.Epoch is { } e)
                {
                    bar.Finish();
                    output.WriteLine(Invariant($"epoch {e.Epoch,3}/{e.Epochs}  loss {e.Loss:F4}  validation accuracy {e.ValidationAccuracy:F4}  {e.Elapsed.TotalSeconds,6:F1} s{(e.Best ? "  best" : "")}"));
                }
            });

            HeadTrainingOutcome outcome;
            try
            {
                outcome = await services.GetRequiredService<HeadTrainingService>().TrainAsync(request, progress, ct);
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or ExecutionProviderUnavailableException or FileNotFoundException)
            {
                bar.Finish();
                error.WriteLine(e.Message);
                return 1;
            }
            finally
            {
                bar.Finish();
            }

            var head = outcome.Head;
            var training = outcome.Training;
            output.WriteLine(Invariant(
                $"Head model {head.Id}: {head.Categories.Count} categories, {training.TrainingRows:N0} products of split {outcome.Split} ({training.ValidationRows:N0} held out), best epoch {training.BestEpoch} of {training.EpochsRun}, validation accuracy {training.ValidationAccuracy:F4}, trained in {training.Elapsed.TotalSeconds:F1} s (embedding first: {outcome.EmbeddingTime.TotalSeconds:F1} s); {head.EmbeddingLayer} layer, {head.Dimension} dimensions{(head.MirrorAtQuery ? ", image and mirror image" : "")}."));
            output.WriteLine($"Saved {outcome.FilePath}. Next: embed --model {head.Id}");
            if (parse.GetValue(json) is { } file)
            {
                Directory.CreateDirectory(file.DirectoryName!);
                var report = new TrainHeadReport(head.Id, training.EpochsRun, training.ValidationAccuracy, training.Elapsed.TotalSeconds,
                    head.BackboneModelId, training.BestEpoch, training.TrainingRows, training.ValidationRows, outcome.EmbeddingTime.TotalSeconds,
                    head.MirrorAtQuery, head.EmbeddingLayer.ToString(), head.Dimension, [.. head.Categories]);
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(report, s_json) + "\n", ct);
                output.WriteLine($"Wrote {file.FullName}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The JSON of <c>train-head --json</c>.</summary>
    internal sealed record TrainHeadReport(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("epochs")] int Epochs,
        [property: JsonPropertyName("validation_accuracy")] double ValidationAccuracy,
        [property: JsonPropertyName("seconds")] double Seconds,
        [property: JsonPropertyName("backbone")] string Backbone,
        [property: JsonPropertyName("best_epoch")] int BestEpoch,
        [property: JsonPropertyName("training_rows")] int TrainingRows,
        [property: JsonPropertyName("validation_rows")] int ValidationRows,
        [property: JsonPropertyName("embedding_seconds")] double EmbeddingSeconds,
        [property: JsonPropertyName("mirror")] bool Mirror,
        [property: JsonPropertyName("layer")] string Layer,
        [property: JsonPropertyName("dimension")] int Dimension,
        [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories);
}
