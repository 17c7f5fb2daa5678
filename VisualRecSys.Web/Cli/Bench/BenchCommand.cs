using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using VisualRecSys.Engine.Index;

namespace VisualRecSys.Web.Cli.Bench;

/// <summary>
/// <c>bench</c>: measurements that print a table and write JSON (and a chart) for the README and for comparing
/// machines and versions. Subcommands: <c>index</c>, <c>embed</c>.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(Option<DirectoryInfo?> dataDirectory)
    {
        var bench = new Command("bench", "Benchmarks that write JSON reports.");
        bench.Subcommands.Add(Index(dataDirectory));
        bench.Subcommands.Add(Embed(dataDirectory));
        return bench;
    }

    private static Command Embed(Option<DirectoryInfo?> dataDirectory)
    {
        var count = new Option<int>("--count") { Description = "Images per measurement (the available ones cycled through).", DefaultValueFactory = _ => EmbedBenchSettings.DefaultCount };
        var batch = new Option<int>("--batch") { Description = "Images per model run.", DefaultValueFactory = _ => EmbedBenchSettings.DefaultBatch };
        var json = new Option<FileInfo>("--json") { Description = "The JSON report to write.", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Alternating raw/pipeline measurements; the best of each is reported.", DefaultValueFactory = _ => EmbedBenchSettings.DefaultRounds };
        var model = ModelOption.Create("The model to measure.");
        count.Validators.Add(r => Positive(r, "--count", 1_000_000));
        batch.Validators.Add(r => Positive(r, "--batch", Engine.Embedding.EmbeddingOptionsValidator.MaxBatchSizeLimit));
        rounds.Validators.Add(r => Positive(r, "--rounds", 100));

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
                await EmbedBenchRunner.RunAsync(settings, parse.GetValue(dataDirectory), Console.Out, ct);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException
                or Engine.Embedding.ExecutionProviderUnavailableException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static void Positive(OptionResult result, string name, int max)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < 1 || value > max)
        {
            result.AddError($"{name} must be between 1 and {max}.");
        }
    }

    private static Command Index(Option<DirectoryInfo?> dataDirectory)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset: " + string.Join(", ", BenchDatasets.Names), Required = true };
        dataset.AcceptOnlyFromAmong(BenchDatasets.Names);
        var json = new Option<FileInfo>("--json") { Description = "The JSON report to write; the chart is written beside it as .png.", Required = true };
        var metric = new Option<string>("--metric") { Description = "angular, euclidean or dot.", DefaultValueFactory = _ => "angular" };
        metric.AcceptOnlyFromAmong("angular", "euclidean", "dot");
        var index = new Option<string>("--index") { Description = "forest, or exact for the brute-force baseline alone.", DefaultValueFactory = _ => "forest" };
        index.AcceptOnlyFromAmong("forest", "exact");
        var trees = new Option<int[]>("--trees") { Description = "Comma-separated tree counts. Default: 10,50,100.", CustomParser = IntList };
        var searchK = new Option<int[]>("--search-k")
        {
            Description = "Comma-separated candidate budgets. Default per trees value: trees×10, 1000, 2000, 5000, 10000, 20000, doubled further until recall@10 reaches 0.95.",
            CustomParser = IntList,
        };
        var queries = new Option<int>("--queries") { Description = "Queries run (the first ones of the dataset).", DefaultValueFactory = _ => 1000 };
        var count = new Option<int?>("--count") { Description = "Base vectors. Default: 60,000 for the Fashion-MNIST sets, 240,000 projected, 100,000 synthetic." };
        var dim = new Option<int?>("--dim") { Description = "Dimension of the generated sets. Default: 512 projected, 128 synthetic." };
        var seed = new Option<int>("--seed") { Description = "Seed of generated data and of the index build.", DefaultValueFactory = _ => 42 };
        var source = new Option<DirectoryInfo?>("--source") { Description = "Fashion-MNIST folder. Default: /usr/share/datasets/fashion-mnist." };

        var command = new Command("index", "Recall@10 and single-thread speed of the forest index against exact search.")
        {
            dataset, json, metric, index, trees, searchK, queries, count, dim, seed, source,
        };
        command.SetAction((parse, ct) =>
        {
            var settings = new IndexBenchSettings
            {
                Dataset = parse.GetValue(dataset)!,
                JsonPath = parse.GetValue(json)!.FullName,
                Metric = Enum.Parse<DistanceMetric>(parse.GetValue(metric)!, ignoreCase: true),
                Index = parse.GetValue(index)!,
                Trees = NullIfEmpty(parse.GetValue(trees)) ?? IndexBenchSettings.DefaultTrees,
                SearchK = NullIfEmpty(parse.GetValue(searchK)),
                Queries = parse.GetValue(queries),
                Count = parse.GetValue(count),
                Dimension = parse.GetValue(dim),
                Seed = parse.GetValue(seed),
                Source = parse.GetValue(source)?.FullName,
                Command = string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };
            try
            {
                IndexBenchRunner.Run(settings, parse.GetValue(dataDirectory), Console.Out, ct);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException)
            {
                Console.Error.WriteLine(e.Message);
                return Task.FromResult(1);
            }
        });
        return command;
    }

    // An absent list option reads as an empty array; empty means "use the default".
    private static int[]? NullIfEmpty(int[]? values) => values is { Length: > 0 } ? values : null;

    /// <summary>Parses "10,50,100" (also space-separated tokens) into positive integers.</summary>
    private static int[] IntList(ArgumentResult result)
    {
        var values = new List<int>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                result.AddError($"'{part}' is not a positive whole number.");
                return [];
            }

            values.Add(value);
        }

        return [.. values];
    }
}
