using System.CommandLine;
using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Models;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Hosting;

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
            FileTargets.RefuseFolder(parse.GetValue(output), output.Name);
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var chosen = await services.GetRequiredService<BuildHistory>().FindReadyAsync(parse.GetValue(build), ct);
            if (chosen is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(parse.GetValue(build) is int id ? $"There is no ready index build {id}." : "There is no active index build.");
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

            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine($"Wrote build {chosen.Id} ({forest.Count:N0} items, {forest.Dimension} dimensions, {forest.TreeCount} trees, {forest.Metric}) to {path}"
                + (dense ? "; Annoy item i is product i." : $"; Annoy item i is the product on line i+1 of {path}.ids."));
            writer.WriteLine($"In Python: AnnoyIndex({forest.Dimension}, '{forest.Metric.ToString().ToLowerInvariant()}').load('{path}')");
            return 0;
        });
        return command;
    }

    public static Command Import(Option<DirectoryInfo?> dataDir)
    {
        var input = new Argument<FileInfo>("annoy-file") { Description = "A file saved by Annoy (float32, angular or euclidean)." };
        var dimension = new Option<int>("--dim") { Description = "The vectors' dimension (Annoy files do not record it).", Required = true }.Between(1, MaxDimension);
        var metric = new Option<DistanceMetric>("--metric") { Description = "angular or euclidean (Annoy files do not record it).", DefaultValueFactory = _ => DistanceMetric.Angular };
        metric.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<DistanceMetric>() == DistanceMetric.Dot)
            {
                result.AddError("--metric must be angular or euclidean: Annoy's dot index is another format.");
            }
        });
        var model = ModelOption.Create("The model the vectors come from.");
        var activate = new Option<bool>("--activate") { Description = "Serve the imported index (its model and dimension must be the served model's)." };
        var ids = new Option<FileInfo?>("--ids") { Description = "Product id of each Annoy item, one per line (as export-annoy writes). Default: item number = product id." };
        var command = new Command("import-annoy", "Import a Spotify Annoy file as an index build.")
        {
            input, dimension, metric, model, activate, ids,
        };
        command.SetAction(async (parse, ct) =>
        {
            FileTargets.RefuseFolder(parse.GetValue(input), input.Name);
            FileTargets.RefuseFolder(parse.GetValue(ids), ids.Name);
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var path = parse.GetValue(input)!.FullName;
            var dim = parse.GetValue(dimension);
            var request = new IndexBuildRequest(ModelOption.ResolveId(services, parse.GetValue(model)), parse.GetValue(metric), 0, parse.GetValue(activate));

            // Everything that can refuse the file runs before the build's row exists: a refused file leaves no row.
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} does not exist.", path);
            }

            CheckModel(services, request, dim);
            var itemIds = parse.GetValue(ids) is { } idFile ? await ReadIdsAsync(idFile.FullName, ct) : null;
            var imported = await Task.Run(() => AnnoyExchange.Import(path, request.Metric, dim, request.ModelId, itemIds), ct);
            var (build, forest) = await services.GetRequiredService<BuildRecorder>().RecordAsync(request, imported.Count, dim, () => imported, ct);
            using (forest)
            {
                parse.InvocationConfiguration.Output.WriteLine(
                    $"Imported {forest.Count:N0} items and {forest.TreeCount} trees from {path} as index build {build.Id}{(build.IsActive ? " (active)" : "")}.");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Largest --dim: Annoy's node layout keeps 4 × (dimension + 4) bytes inside an int.</summary>
    private const int MaxDimension = 1 << 24;

    /// <summary>
    /// Refuses an import whose vectors cannot be the model's: another dimension than the model's stored embeddings (or,
    /// without them, than the model makes), or, with --activate, a model the app would not serve with it.
    /// </summary>
    /// <exception cref="ModelMismatchException">The dimension or the model does not match.</exception>
    private static void CheckModel(IServiceProvider services, IndexBuildRequest request, int dimension)
    {
        var modelId = request.ModelId;
        var (expected, source) = DimensionOf(services, modelId);
        if (expected is int d && d != dimension)
        {
            throw new ModelMismatchException(string.Create(CultureInfo.InvariantCulture,
                $"--dim {dimension} does not match model {modelId}, whose vectors have {d} dimensions ({source}): model mismatch. Give the dimension the Annoy index was built with, and --model for the model that made its vectors."));
        }

        if (!request.Activate)
        {
            return;
        }

        // The app serves a head when the active build holds one, else the configured backbone (see ServedModel).
        var configured = services.GetRequiredService<EmbeddingModelRegistry>().Active.Id;
        if (expected is null || (modelId != configured && !ModelId.NamesHead(modelId)))
        {
            throw new ModelMismatchException(
                $"--activate: the app serves model {configured}, and cannot embed queries with model {modelId}: model mismatch. Import without --activate, or give --model the served model.");
        }
    }

    /// <summary>The dimension of <paramref name="modelId"/>'s vectors and where it comes from, or null for a model the app does not know.</summary>
    private static (int? Dimension, string Source) DimensionOf(IServiceProvider services, string modelId)
    {
        var embeddings = services.GetRequiredService<DataPaths>().Embeddings;
        if (EmbeddingStoreReader.TryOpen(embeddings, modelId) is { } store)
        {
            using (store)
            {
                return (store.Dimension, "its stored embeddings");
            }
        }

        try
        {
            return ModelId.NamesHead(modelId)
                ? (services.GetRequiredService<HeadLibrary>().Get(modelId).Dimension, "its head file")
                : (services.GetRequiredService<EmbeddingModelRegistry>().Get(modelId).Dimension, "the model's output");
        }
        catch (ArgumentException)
        {
            // Vectors made elsewhere, under an id of their own: nothing to compare with.
            return (null, "");
        }
    }

    private static async Task<int[]> ReadIdsAsync(string path, CancellationToken ct)
    {
        var lines = await File.ReadAllLinesAsync(path, ct);
        var itemIds = new List<int>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            if (!int.TryParse(lines[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                throw new InvalidDataException($"{path}, line {i + 1}: '{lines[i]}' is not a product id.");
            }

            itemIds.Add(id);
        }

        return [.. itemIds];
    }
}
