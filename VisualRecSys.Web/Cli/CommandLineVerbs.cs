using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Web.Catalog;
using VisualRecSys.Web.Cli.Bench;
using VisualRecSys.Web.Hosting;
using VisualRecSys.Web.Indexing;

namespace VisualRecSys.Web.Cli;

/// <summary>
/// Batch work from the command line: <c>dotnet run --project VisualRecSys.Web -- &lt;verb&gt; [options]</c>.
/// Every verb accepts <c>--data-dir</c> (default: the app's data directory).
/// </summary>
public static class CommandLineVerbs
{
    private static readonly Option<DirectoryInfo?> s_dataDir = new("--data-dir")
    {
        Description = "The data directory (database, images, embeddings, indexes). Default: VisualRecSys:DataDirectory.",
        Recursive = true,
    };

    private static readonly RootCommand s_root = BuildRoot();

    /// <summary>True when the first argument names a verb (anything else starts the web app).</summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && s_root.Subcommands.Any(c => c.Name == args[0]);

    /// <summary>Runs the verb and returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args) => s_root.Parse(args).InvokeAsync();

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand("VisualRecSys command-line verbs. Without a verb the web app starts.");
        root.Options.Add(s_dataDir);
        root.Subcommands.Add(MakeDemoCatalog());
        root.Subcommands.Add(Import());
        root.Subcommands.Add(Embed());
        root.Subcommands.Add(Similar());
        root.Subcommands.Add(BuildIndex());
        root.Subcommands.Add(AnnoyVerbs.Export(s_dataDir));
        root.Subcommands.Add(AnnoyVerbs.Import(s_dataDir));
        root.Subcommands.Add(BenchCommand.Create(s_dataDir));
        return root;
    }

    private static Command MakeDemoCatalog()
    {
        var source = new Option<DirectoryInfo?>("--source") { Description = $"Fashion-MNIST folder. Default: {FashionMnistDataset.DefaultDirectory}" };
        var output = new Option<DirectoryInfo>("--output")
        {
            Description = "Where to write catalog.csv and the PNGs. Default: wwwroot-assets/demo-catalog.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(
                DataPaths.Resolve(new VisualRecSysOptions(), Directory.GetCurrentDirectory()).AssetsDirectory, "demo-catalog")),
        };
        var perCategory = new Option<int>("--per-category") { Description = "Products per category (training images).", DefaultValueFactory = _ => DemoCatalogMaker.DefaultPerCategory };
        var queries = new Option<int>("--queries-per-category") { Description = "Sample query images per category (test images).", DefaultValueFactory = _ => DemoCatalogMaker.DefaultQueriesPerCategory };
        var command = new Command("make-demo-catalog", "Write the demo catalog (a balanced Fashion-MNIST subset as PNG + CSV).") { source, output, perCategory, queries };
        command.SetAction(parse =>
        {
            var files = FashionMnistDataset.Locate(parse.GetValue(source)?.FullName);
            var target = parse.GetValue(output)!.FullName;
            var rows = DemoCatalogMaker.Write(files, target, parse.GetValue(perCategory), parse.GetValue(queries));
            Console.WriteLine($"Wrote {rows.Count(r => r.Split == "catalog")} products and {rows.Count(r => r.Split == "query")} query images to {target}");
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var csv = new Argument<FileInfo>("catalog-csv") { Description = "A catalog CSV (id,title,category,split,file); files are relative to it." };
        var command = new Command("import", "Import a catalog CSV and its images into the data directory.") { csv };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(s_dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var paths = services.GetRequiredService<DataPaths>();
            var result = await services.GetRequiredService<CatalogImporter>()
                .ImportAsync(parse.GetValue(csv)!.FullName, paths.Images, null, ct);
            Console.WriteLine($"Imported {result.Added} products ({result.AlreadyPresent} already present) in {result.Categories} categories into {paths.Root}");
            return 0;
        });
        return command;
    }

    private static Command Embed()
    {
        var command = new Command("embed", "Embed every product that has no vector yet and save the embeddings.");
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(s_dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var provider = services.GetRequiredService<IImageEmbedder>().Provider;
            Console.WriteLine($"Execution provider: {provider.Name} ({provider.Reason})");
            var clock = Stopwatch.StartNew();
            var last = (Done: 0, Total: 0);
            var matrix = await services.GetRequiredService<ProductEmbedder>()
                .EmbedMissingAsync(new InlineProgress<(int Done, int Total)>(p => last = p), ct);
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Embedded {last.Total} new images in {seconds:F1} s ({(last.Total == 0 ? 0 : last.Total / seconds):F1} images/s); {matrix.Count} vectors of {matrix.Dimension} dimensions stored."));
            return 0;
        });
        return command;
    }

    private static Command Similar()
    {
        var id = new Argument<int>("product-id") { Description = "The query product." };
        var k = new Option<int>("--k") { Description = "How many results.", DefaultValueFactory = _ => 12 };
        var command = new Command("similar", "Print the products most similar to one product (the active index build; built if there is none).") { id, k };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(s_dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var matrix = await services.GetRequiredService<ProductEmbedder>().EmbedMissingAsync(null, ct);
            await services.GetRequiredService<SearchIndexLoader>().ServeAsync(matrix, null, ct);
            var result = await services.GetRequiredService<SimilarProducts>().FindAsync(parse.GetValue(id), parse.GetValue(k), ct);
            if (result.Outcome != SimilarOutcome.Found)
            {
                Console.Error.WriteLine($"No results: {result.Outcome}");
                return 1;
            }
            Console.WriteLine($"Similar to {result.Query!.Id} {result.Query.Title} ({result.Query.Category}):");
            foreach (var r in result.Results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Score:F4}  {r.Id,6}  {r.Title} ({r.Category})"));
            }
            return 0;
        });
        return command;
    }

    private static Command BuildIndex()
    {
        var model = new Option<string>("--model")
        {
            Description = "Whose embeddings to index.",
            DefaultValueFactory = _ => OnnxImageEmbedder.ResNet18ModelId,
        };
        var metric = new Option<DistanceMetric>("--metric") { Description = "angular, euclidean or dot.", DefaultValueFactory = _ => DistanceMetric.Angular };
        var trees = new Option<int>("--trees") { Description = "Number of trees.", DefaultValueFactory = _ => IndexBuildRequest.DefaultTrees };
        var activate = new Option<bool>("--activate") { Description = "Make the new build the one the app serves." };
        var command = new Command("build-index", "Build a forest index over a model's stored embeddings into the data directory.") { model, metric, trees, activate };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(s_dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var request = new IndexBuildRequest(parse.GetValue(model)!, parse.GetValue(metric), parse.GetValue(trees), parse.GetValue(activate));
            var clock = Stopwatch.StartNew();
            var (build, index) = await services.GetRequiredService<SearchIndexBuilds>().BuildAsync(request, null, ct);
            using (index)
            {
                var file = new FileInfo(Path.Combine(services.GetRequiredService<DataPaths>().Root, build.FilePath!));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Index build {build.Id}: {index.Count:N0} items × {index.Dimension}, {index.TreeCount} trees, {request.Metric} in {clock.Elapsed.TotalSeconds:F1} s; {file.Length / 1e6:F1} MB at {file.FullName}{(build.IsActive ? "; active" : "")}"));
            }

            return 0;
        });
        return command;
    }
}
