using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Bench.Index;

/// <summary><c>index</c>: recall@10 and single-thread speed of the forest index against exact search.</summary>
internal static class IndexCommand
{
    public static Command Create(Option<DirectoryInfo?> dataDirectory)
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
            Description = "Comma-separated candidate budgets. Default per trees value: trees×10, 500, 1000, 1500, 2000, 3000, 5000, 10000, 20000, doubled further until recall@10 reaches 0.95.",
            CustomParser = IntList,
        };
        var queries = new Option<int>("--queries") { Description = "Queries run (the first ones of the dataset).", DefaultValueFactory = _ => 1000 };
        var count = new Option<int?>("--count") { Description = "Base vectors. Default: 60,000 for the Fashion-MNIST sets, 240,000 projected, 100,000 synthetic." };
        var dim = new Option<int?>("--dim") { Description = "Dimension of the generated sets. Default: 512 projected, 128 synthetic." };
        var seed = new Option<int>("--seed") { Description = "Seed of generated data and of the index build.", DefaultValueFactory = _ => 42 };
        var source = new Option<DirectoryInfo?>("--source") { Description = "Fashion-MNIST folder. Default: /usr/share/datasets/fashion-mnist." };
        var defaults = new ForestOptions();
        var leafSize = new Option<int>("--leaf-size") { Description = $"Forest: most rows per leaf. Default: {defaults.LeafSize}.", DefaultValueFactory = _ => defaults.LeafSize };
        var splitDim = new Option<int>("--split-dim") { Description = $"Forest: principal components the trees split on. Default: {defaults.SplitDimension}.", DefaultValueFactory = _ => defaults.SplitDimension };
        var shortlistDim = new Option<int>("--shortlist-dim") { Description = $"Forest: components of each row's shortlist code. Default: {defaults.ShortlistDimension}.", DefaultValueFactory = _ => defaults.ShortlistDimension };
        var shortlistFactor = new Option<int>("--shortlist-factor")
        {
            Description = $"Forest: candidates ranked exactly per result (0: all). Default: {defaults.ShortlistFactor}.",
            DefaultValueFactory = _ => defaults.ShortlistFactor,
        };

        var command = new Command("index", "Recall@10 and single-thread speed of the forest index against exact search.")
        {
            dataset, json, metric, index, trees, searchK, queries, count, dim, seed, source, leafSize, splitDim, shortlistDim, shortlistFactor,
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
                Forest = new ForestOptions
                {
                    LeafSize = parse.GetValue(leafSize),
                    SplitDimension = parse.GetValue(splitDim),
                    ShortlistDimension = parse.GetValue(shortlistDim),
                    ShortlistFactor = parse.GetValue(shortlistFactor),
                },
                Command = string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };
            try
            {
                settings.Forest.Validate();
                IndexBenchRunner.Run(settings, parse.GetValue(dataDirectory), parse.InvocationConfiguration.Output, ct);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or OptionsValidationException)
            {
                // A refusal, not a crash: the reason on one line, no stack trace.
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
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
