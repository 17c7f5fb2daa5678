using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Features.Store;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Cli;

/// <summary><c>similar</c> and <c>build-index</c>: index builds and queries.</summary>
internal static class IndexVerbs
{
    public static Command Similar(Option<DirectoryInfo?> dataDir)
    {
        var id = new Argument<int>("product-id") { Description = "The query product." };
        var k = new Option<int>("--k") { Description = "How many results.", DefaultValueFactory = _ => 12 }.AtLeast(1);
        var command = new Command("similar", "Print the products most similar to one product (the active index build; built if there is none).") { id, k };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            // The model the app serves (a head when the active build holds one), so this never swaps the active build.
            var served = await services.GetRequiredService<ServedModelChoice>().ResolveAsync(ct);
            var matrix = (await services.GetRequiredService<ProductEmbedder>().EmbedMissingAsync(new ProductEmbedRequest(served.ModelId), null, ct)).Matrix;
            await services.GetRequiredService<SearchIndexLoader>().ServeAsync(matrix, null, ct);
            var result = await services.GetRequiredService<SimilarProducts>().FindAsync(parse.GetValue(id), parse.GetValue(k), ct);
            if (result.Outcome != SimilarOutcome.Found)
            {
                parse.InvocationConfiguration.Error.WriteLine($"No results: {result.Outcome}");
                return 1;
            }
            parse.InvocationConfiguration.Output.WriteLine($"Similar to {result.Query!.Id} {result.Query.Title} ({result.Query.Category}):");
            foreach (var r in result.Results)
            {
                parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Score:F4}  {r.Id,6}  {r.Title} ({r.Category})"));
            }
            return 0;
        });
        return command;
    }

    public static Command BuildIndex(Option<DirectoryInfo?> dataDir)
    {
        var model = ModelOption.Create("Whose embeddings to index.");
        var metric = new Option<DistanceMetric>("--metric") { Description = "angular, euclidean or dot.", DefaultValueFactory = _ => DistanceMetric.Angular };
        var trees = new Option<int>("--trees") { Description = "Number of trees.", DefaultValueFactory = _ => IndexBuildRequest.DefaultTrees }.AtLeast(1);
        var activate = new Option<bool>("--activate") { Description = "Make the new build the one the app serves." };
        // What the admin API's searchK sets: a catalog of millions needs more candidates than trees × k for recall 0.95.
        var searchK = new Option<int>("--search-k")
        {
            Description = $"Candidates a query gathers by default: 0 (trees × k) to {AdminBuildRequest.MaxSearchK:N0}.",
            DefaultValueFactory = _ => 0,
        }.Between(0, AdminBuildRequest.MaxSearchK);
        var command = new Command("build-index", "Build a forest index over a model's stored embeddings into the data directory.") { model, metric, trees, searchK, activate };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var request = new IndexBuildRequest(ModelOption.ResolveId(services, parse.GetValue(model)), parse.GetValue(metric), parse.GetValue(trees), parse.GetValue(activate),
                parse.GetValue(searchK));
            var clock = Stopwatch.StartNew();
            var (build, index) = await services.GetRequiredService<IndexBuilder>().BuildAsync(request, null, ct);
            using (index)
            {
                var file = new FileInfo(Path.Combine(services.GetRequiredService<DataPaths>().Root, build.FilePath!));
                parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Index build {build.Id}: {index.Count:N0} items × {index.Dimension}, {index.TreeCount} trees, search_k {(request.SearchK == 0 ? "trees × k" : request.SearchK)}, {request.Metric} in {clock.Elapsed.TotalSeconds:F1} s; {file.Length / 1e6:F1} MB at {file.FullName}{(build.IsActive ? "; active" : "")}"));
            }

            return 0;
        });
        return command;
    }
}
