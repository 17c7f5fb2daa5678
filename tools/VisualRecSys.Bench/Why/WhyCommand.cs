using System.CommandLine;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Explain;

namespace VisualRecSys.Bench.Why;

/// <summary><c>why</c>: the cost of a pair's occlusion maps against the same number of bare model runs, on the demo catalog's images.</summary>
internal static class WhyCommand
{
    public static Command Create(Option<DirectoryInfo?> dataDirectory)
    {
        var grid = new Option<int>("--grid") { Description = "Cells per side.", DefaultValueFactory = _ => 7 };
        var pairs = new Option<int>("--pairs") { Description = "Pairs measured after the first (cold) one.", DefaultValueFactory = _ => 5 };
        var json = new Option<FileInfo>("--json") { Description = "The JSON report to write.", Required = true };
        var model = ModelOption.Create("The model whose maps are made.");
        grid.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < OcclusionSensitivity.MinGrid or > OcclusionSensitivity.MaxGrid)
            {
                r.AddError($"--grid must be between {OcclusionSensitivity.MinGrid} and {OcclusionSensitivity.MaxGrid}.");
            }
        });
        pairs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--pairs must be between 1 and 100.");
            }
        });

        var command = new Command("why", "The cost of a pair's occlusion maps, against the same number of bare model runs.") { grid, pairs, json, model };
        command.SetAction((parse, ct) =>
        {
            var settings = new WhyBenchSettings
            {
                Grid = parse.GetValue(grid),
                Pairs = parse.GetValue(pairs),
                Model = parse.GetValue(model),
                JsonPath = parse.GetValue(json)!.FullName,
                Command = string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };
            try
            {
                WhyBenchRunner.Run(settings, parse.GetValue(dataDirectory), parse.InvocationConfiguration.Output);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException
                or ExecutionProviderUnavailableException or OptionsValidationException)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return Task.FromResult(1);
            }
        });
        return command;
    }
}
