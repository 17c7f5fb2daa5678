using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Bench.Embed;

/// <summary><c>embed</c>: images/s of the ONNX session alone against the whole embedding pipeline, on the same images.</summary>
internal static class EmbedCommand
{
    public static Command Create(Option<DirectoryInfo?> dataDirectory)
    {
        var count = new Option<int>("--count") { Description = "Images per measurement (the available ones cycled through).", DefaultValueFactory = _ => EmbedBenchSettings.DefaultCount };
        var batch = new Option<int>("--batch") { Description = "Images per model run.", DefaultValueFactory = _ => EmbedBenchSettings.DefaultBatch };
        var json = new Option<FileInfo>("--json") { Description = "The JSON report to write.", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Alternating raw/pipeline measurements; the best of each is reported.", DefaultValueFactory = _ => EmbedBenchSettings.DefaultRounds };
        var model = ModelOption.Create("The model to measure.");
        count.Validators.Add(r => Between(r, "--count", 1_000_000));
        batch.Validators.Add(r => Between(r, "--batch", EmbeddingOptionsValidator.MaxBatchSizeLimit));
        rounds.Validators.Add(r => Between(r, "--rounds", 100));

        var command = new Command("embed", "Images/s of the ONNX session alone against the whole embedding pipeline, on the same images.")
        {
            count, batch, json, rounds, model,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new EmbedBenchSettings
            {
                Count = parse.GetValue(count),
                Batch = parse.GetValue(batch),
                Rounds = parse.GetValue(rounds),
                Model = parse.GetValue(model),
                JsonPath = parse.GetValue(json)!.FullName,
                Command = string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };
            try
            {
                await EmbedBenchRunner.RunAsync(settings, parse.GetValue(dataDirectory), parse.InvocationConfiguration.Output, ct);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException
                or ExecutionProviderUnavailableException or OptionsValidationException)
            {
                // A refusal, not a crash: the reason on one line, no stack trace.
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static void Between(OptionResult result, string name, int max)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < 1 || value > max)
        {
            result.AddError($"{name} must be between 1 and {max}.");
        }
    }
}
