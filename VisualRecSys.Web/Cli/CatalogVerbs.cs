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

/// <summary><c>make-demo-catalog</c> and <c>import</c>: getting products into the data directory.</summary>
internal static class CatalogVerbs
{
    public static Command MakeDemoCatalog(Option<DirectoryInfo?> dataDir)
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

    public static Command Import(Option<DirectoryInfo?> dataDir)
    {
        var csv = new Argument<FileInfo>("catalog-csv") { Description = "A catalog CSV (id,title,category,split,file); files are relative to it." };
        var command = new Command("import", "Import a catalog CSV and its images into the data directory.") { csv };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
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
}
