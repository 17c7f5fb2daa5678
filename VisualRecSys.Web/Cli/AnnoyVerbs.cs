using System.CommandLine;
using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Cli;

/// <summary>
/// <c>export-annoy</c> and <c>import-annoy</c>: index files to and from Spotify Annoy's format, for people who
/// arrive with Annoy indexes from its Python notebooks (item number = product id).
/// </summary>
internal static class AnnoyVerbs
{
    public static Command Export(Option<DirectoryInfo?> dataDir)
    {
        var output = new Option<FileInfo>("--file") { Description = "The .ann file to write.", Required = true };
        var build = new Option<int?>("--build") { Description = "Which index build. Default: the active one." };
        var command = new Command("export-annoy", "Write an index build as a Spotify Annoy file (angular or euclidean).") { output, build };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var chosen = await services.GetRequiredService<BuildHistory>().FindReadyAsync(parse.GetValue(build), ct);
            if (chosen is null)
            {
                Console.Error.WriteLine(parse.GetValue(build) is int id ? $"There is no ready index build {id}." : "There is no active index build.");
                return 1;
            }

            using var forest = ForestIndex.Open(services.GetRequiredService<BuildFiles>().FileOf(chosen));
            var path = parse.GetValue(output)!.FullName;
            var itemIds = AnnoyExchange.Export(forest, path);
            var dense = itemIds.Select((id, item) => id == item).All(same => same);
            if (!dense)
            {
                // Annoy items are positions; when ids are not 0..n−1 the caller needs the mapping.
                await File.WriteAllLinesAsync(path + ".ids", itemIds.Select(id => id.ToString(CultureInfo.InvariantCulture)), ct);
            }

            Console.WriteLine($"Wrote build {chosen.Id} ({forest.Count:N0} items, {forest.Dimension} dimensions, {forest.TreeCount} trees, {forest.Metric}) to {path}"
                + (dense ? "; Annoy item i is product i." : $"; Annoy item i is the product on line i+1 of {path}.ids."));
            Console.WriteLine($"In Python: AnnoyIndex({forest.Dimension}, '{forest.Metric.ToString().ToLowerInvariant()}').load('{path}')");
            return 0;
        });
        return command;
    }

    public static Command Import(Option<DirectoryInfo?> dataDir)
    {
        var input = new Argument<FileInfo>("annoy-file") { Description = "A file saved by Annoy (float32, angular or euclidean)." };
        var dimension = new Option<int>("--dim") { Description = "The vectors' dimension (Annoy files do not record it).", Required = true };
        var metric = new Option<DistanceMetric>("--metric") { Description = "angular or euclidean (Annoy files do not record it).", DefaultValueFactory = _ => DistanceMetric.Angular };
        var model = ModelOption.Create("The model the vectors come from.");
        var activate = new Option<bool>("--activate") { Description = "Serve the imported index." };
        var ids = new Option<FileInfo?>("--ids") { Description = "Product id of each Annoy item, one per line (as export-annoy writes). Default: item number = product id." };
        var command = new Command("import-annoy", "Import a Spotify Annoy file as an index build.")
        {
            input, dimension, metric, model, activate, ids,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var path = parse.GetValue(input)!.FullName;
            var dim = parse.GetValue(dimension);
            var request = new IndexBuildRequest(ModelOption.ResolveId(services, parse.GetValue(model)), parse.GetValue(metric), 0, parse.GetValue(activate));
            int[]? itemIds = null;
            if (parse.GetValue(ids) is { } idFile)
            {
                itemIds = (await File.ReadAllLinesAsync(idFile.FullName, ct))
                    .Where(line => line.Length > 0)
                    .Select(line => int.Parse(line, CultureInfo.InvariantCulture))
                    .ToArray();
            }

            var (build, forest) = await services.GetRequiredService<BuildRecorder>().RecordAsync(request, 0, dim,
                () => AnnoyExchange.Import(path, request.Metric, dim, request.ModelId, itemIds), ct);
            using (forest)
            {
                Console.WriteLine($"Imported {forest.Count:N0} items and {forest.TreeCount} trees from {path} as index build {build.Id}{(build.IsActive ? " (active)" : "")}.");
            }

            return 0;
        });
        return command;
    }
}
