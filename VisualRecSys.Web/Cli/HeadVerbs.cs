using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Infrastructure;
using static System.FormattableString;

namespace VisualRecSys.Web.Cli;

/// <summary><c>train-head</c>: the retrieval head on a backbone's vectors and edited copies, saved as a model of its own.</summary>
internal static class HeadVerbs
{
    /// <summary>Most epochs accepted; training stops early long before on any real catalog.</summary>
    public const int MaxEpochs = 1000;

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static Command TrainHead(Option<DirectoryInfo?> dataDir)
    {
        var epochs = new Option<int?>("--epochs") { Description = "Most epochs (early stopping on held-out training products usually ends sooner). Default: 30." }.Between(1, MaxEpochs);
        var backbone = ModelOption.Create("The backbone whose vectors the head takes.");
        var members = new Option<int?>("--members") { Description = Invariant($"Networks in the ensemble (1-{AdminHeads.MaxMembers}). Default: 5.") }.Between(1, AdminHeads.MaxMembers);
        var copies = new Option<int?>("--edited-copies")
        {
            Description = Invariant($"Products photographed again (edited, one copy each) to learn the whitening and to measure instance recall on held-out products ({AdminHeads.MinEditedCopies:N0}-{AdminHeads.MaxEditedCopies:N0}). Default: {HeadTrainingRequest.DefaultEditedCopies:N0}."),
        }.Between(AdminHeads.MinEditedCopies, AdminHeads.MaxEditedCopies);
        var json = new Option<FileInfo?>("--json") { Description = "Also write { model, share, members, held_out: { backbone, candidates, chosen }, ... } to this file." };
        var command = new Command(
            "train-head",
            $"Train the retrieval head on the backbone's vectors of split {ProductSplit.Train} (else {ProductSplit.Catalog}) and edited copies of some of its products: a whitening learned from the copies, an ensemble of category networks, per-category offsets, and the backbone's share chosen by the two-axis rule on held-out products. Embeds missing images and the copies first. Prints the new model id, which embed, build-index and evaluate accept with --model.")
        {
            epochs, backbone, members, copies, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            FileTargets.RefuseFolder(parse.GetValue(json), json.Name);
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var request = new HeadTrainingRequest(parse.GetValue(epochs), parse.GetValue(backbone), parse.GetValue(members), parse.GetValue(copies));
            var bar = new ConsoleProgressBar(output, inPlace: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
            var stage = "";
            var progress = new InlineProgress<HeadTrainingProgress>(p =>
            {
                if (p.Epoch is { } e)
                {
                    bar.Finish();
                    output.WriteLine(Invariant($"network {p.Member}/{p.Members}  epoch {e.Epoch,3}/{e.Epochs}  loss {e.Loss:F4}  validation accuracy {e.ValidationAccuracy:F4}  {e.Elapsed.TotalSeconds,6:F1} s{(e.Best ? "  best" : "")}"));
                    return;
                }

                if (p.Stage != stage)
                {
                    bar.Finish();
                    output.WriteLine(Invariant($"{char.ToUpperInvariant(p.Stage[0])}{p.Stage[1..]}{(p.Embedding is null ? "…" : ":")}"));
                    stage = p.Stage;
                }

                if (p.Embedding is { } embedding)
                {
                    bar.Report(embedding);
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
                $"Head model {head.Id}: {head.Categories.Count} categories, {head.Members.Count} networks, products of split {outcome.Split} ({training.ValidationProducts:N0} held out), {training.CopiesTrained + training.CopiesValidated:N0} edited copies, trained in {training.Elapsed.TotalSeconds:F1} s (embedding first: {outcome.EmbeddingTime.TotalSeconds:F1} s); backbone share {head.BackboneShare:0.##}, temperature {head.Calibration.Temperature:0.##}, {head.Dimension} dimensions."));
            output.WriteLine("Held-out products (category precision@10 of held-out products among the others; their edited copies among all):");
            output.WriteLine(Invariant($"  {"",-19} {"P@10",6} {"worst",6} {"inst R@1",8} {"inst R@10",9}"));
            foreach (var figures in training.Candidates.Prepend(training.Backbone))
            {
                var mark = figures.Name == training.Chosen.Name ? "  ← chosen by the two-axis rule" : "";
                output.WriteLine(Invariant($"  {figures.Name,-19} {figures.CategoryPrecisionAt10,6:F3} {figures.WorstCategoryPrecisionAt10,6:F3} {figures.InstanceRecallAt1,8:F3} {figures.InstanceRecallAt10,9:F3}{mark}"));
            }

            output.WriteLine($"Saved {outcome.FilePath}. Next: embed --model {head.Id}");
            if (parse.GetValue(json) is { } file)
            {
                Directory.CreateDirectory(file.DirectoryName!);
                var report = new TrainHeadReport(head.Id, head.BackboneModelId, head.BackboneShare, head.Calibration.Temperature, head.Members.Count, head.Training.EditedCopies,
                    head.Training.Epochs, head.Training.ValidationAccuracy, training.Elapsed.TotalSeconds, outcome.EmbeddingTime.TotalSeconds,
                    head.EmbeddingLayer.ToString(), head.Dimension, [.. head.Categories], head.Training.HeldOut!);
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
        [property: JsonPropertyName("backbone")] string Backbone,
        [property: JsonPropertyName("share")] float Share,
        [property: JsonPropertyName("temperature")] float Temperature,
        [property: JsonPropertyName("members")] int Members,
        [property: JsonPropertyName("edited_copies")] int EditedCopies,
        [property: JsonPropertyName("epochs")] int Epochs,
        [property: JsonPropertyName("validation_accuracy")] double ValidationAccuracy,
        [property: JsonPropertyName("seconds")] double Seconds,
        [property: JsonPropertyName("embedding_seconds")] double EmbeddingSeconds,
        [property: JsonPropertyName("layer")] string Layer,
        [property: JsonPropertyName("dimension")] int Dimension,
        [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories,
        [property: JsonPropertyName("held_out")] HeldOutFigures HeldOut);
}
