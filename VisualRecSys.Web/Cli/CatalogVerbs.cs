using System.CommandLine;
using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing;
using VisualRecSys.Data.Importing.DeepFashion;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Data.Importing.Folder;
using VisualRecSys.Engine.Index;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Cli;

/// <summary>
/// <c>make-demo-catalog</c> and <c>import fashion-mnist|folder|deepfashion|deepfashion-inshop</c>: getting products into the data
/// directory (<c>import vectors</c>, their embeddings made elsewhere, is <see cref="VectorVerbs"/>). The importing itself lives in the data layer's importers, so an admin page can run it too.
/// </summary>
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
        var perCategory = new Option<int>("--per-category") { Description = "Products per category (the first test images of each).", DefaultValueFactory = _ => DemoCatalogMaker.DefaultPerCategory }.AtLeast(1);
        var queries = new Option<int>("--queries-per-category") { Description = "Sample query images per category (the test images after the products).", DefaultValueFactory = _ => DemoCatalogMaker.DefaultQueriesPerCategory }.AtLeast(0);
        var command = new Command("make-demo-catalog", "Write the demo catalog (a balanced Fashion-MNIST subset as PNG + CSV).") { source, output, perCategory, queries };
        command.SetAction(parse =>
        {
            var files = FashionMnistDataset.Locate(parse.GetValue(source)?.FullName);
            var target = parse.GetValue(output)!.FullName;
            var rows = DemoCatalogMaker.Write(files, target, parse.GetValue(perCategory), parse.GetValue(queries));
            parse.InvocationConfiguration.Output.WriteLine($"Wrote {rows.Count(r => r.Split == "catalog")} products and {rows.Count(r => r.Split == "query")} query images to {target}");
            return 0;
        });
        return command;
    }

    /// <summary><c>import</c> and its subcommands, one per kind of source.</summary>
    public static Command Import(Option<DirectoryInfo?> dataDir)
    {
        var command = new Command("import", "Import products and their images into the data directory (re-importing adds nothing), or vectors for them.");
        command.Subcommands.Add(ImportFashionMnist(dataDir));
        command.Subcommands.Add(ImportFolder(dataDir));
        command.Subcommands.Add(ImportDeepFashion(dataDir));
        command.Subcommands.Add(ImportDeepFashionInShop(dataDir));
        command.Subcommands.Add(VectorVerbs.ImportVectors(dataDir));
        return command;
    }

    private static Command ImportFashionMnist(Option<DirectoryInfo?> dataDir)
    {
        var source = new Option<DirectoryInfo?>("--source") { Description = $"Folder of the four IDX files. Default: {FashionMnistDataset.DefaultDirectory}" };
        var limit = new Option<int?>("--limit") { Description = "Import only the first N images of each split (for a trial run)." }.AtLeast(0);
        var command = new Command("fashion-mnist", "Import all 70,000 Fashion-MNIST images (train and test) as products with PNG images.") { source, limit };
        command.SetAction((parse, ct) => RunImportAsync(parse, dataDir, "Fashion-MNIST", (services, images, progress) =>
            services.GetRequiredService<FashionMnistImporter>().ImportAsync(
                new FashionMnistImportOptions
                {
                    ImagesDirectory = images,
                    SourceDirectory = parse.GetValue(source)?.FullName,
                    LimitPerSplit = parse.GetValue(limit),
                },
                progress,
                ct), ct));
        return command;
    }

    private static Command ImportFolder(Option<DirectoryInfo?> dataDir)
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "The folder the CSV's file paths are relative to." };
        var csv = new Option<FileInfo?>("--csv")
        {
            Description = $"The catalog CSV: id,title,category,file, optional split and price. Default: DIR/{FolderImporter.DefaultCsvName}",
        };
        var command = new Command("folder", "Import a folder of images described by a catalog CSV.") { directory, csv };
        command.SetAction((parse, ct) =>
        {
            FileTargets.RefuseFolder(parse.GetValue(csv), csv.Name);
            return RunImportAsync(parse, dataDir, "folder catalog", (services, images, progress) =>
                services.GetRequiredService<FolderImporter>().ImportAsync(
                    new FolderImportOptions
                    {
                        ImagesDirectory = images,
                        SourceDirectory = parse.GetValue(directory)!.FullName,
                        CsvPath = parse.GetValue(csv)?.FullName,
                    },
                    progress,
                    ct), ct);
        });
        return command;
    }

    private static Command ImportDeepFashion(Option<DirectoryInfo?> dataDir)
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "DeepFashion's Category and Attribute Prediction folder (Anno/, Eval/, img/)." };
        var command = new Command("deepfashion", "Import DeepFashion's Category and Attribute Prediction images with their categories and splits.") { directory };
        command.SetAction((parse, ct) => RunImportAsync(parse, dataDir, "DeepFashion", (services, images, progress) =>
            services.GetRequiredService<DeepFashionImporter>().ImportAsync(
                new DeepFashionImportOptions { ImagesDirectory = images, SourceDirectory = parse.GetValue(directory)!.FullName },
                progress,
                ct), ct));
        return command;
    }

    private static Command ImportDeepFashionInShop(Option<DirectoryInfo?> dataDir)
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "DeepFashion's In-shop Clothes Retrieval folder (img/, Eval/list_eval_partition.txt or list_eval_partition.txt)." };
        var command = new Command(
            "deepfashion-inshop",
            $"Import DeepFashion's In-shop Clothes Retrieval images with their item ids and splits ({ProductSplit.Train}, {ProductSplit.Query}, {ProductSplit.Gallery}); evaluate then uses the item ids as the instance ground truth.")
        {
            directory,
        };
        command.SetAction((parse, ct) => RunImportAsync(parse, dataDir, "DeepFashion In-shop", (services, images, progress) =>
            services.GetRequiredService<InShopImporter>().ImportAsync(
                new InShopImportOptions { ImagesDirectory = images, SourceDirectory = parse.GetValue(directory)!.FullName },
                progress,
                ct), ct));
        return command;
    }

    /// <summary>
    /// Runs one import with a progress bar and prints its summary through the parse result's writers (tests read them);
    /// bad input is one line on the error writer and exit code 1, not a stack trace.
    /// </summary>
    private static async Task<int> RunImportAsync(
        ParseResult parse,
        Option<DirectoryInfo?> dataDir,
        string what,
        Func<IServiceProvider, string, IProgress<ImportProgress>, Task<ImportReport>> import,
        CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        using var host = CliHost.Build(parse.GetValue(dataDir));
        var services = host.Services;
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        var paths = services.GetRequiredService<DataPaths>();
        var bar = new ConsoleProgressBar(output, inPlace: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        ImportReport report;
        try
        {
            report = await import(services, paths.Images, bar);
        }
        catch (Exception e) when (e is CatalogFormatException or FileNotFoundException or InvalidDataException)
        {
            bar.Finish();
            parse.InvocationConfiguration.Error.WriteLine($"Import failed: {e.Message}");
            return 1;
        }

        bar.Finish();
        foreach (var line in Summary(what, report, paths.Root))
        {
            output.WriteLine(line);
        }

        return 0;
    }

    internal static IEnumerable<string> Summary(string what, ImportReport report, string dataDirectory)
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Imported {what} into {dataDirectory}: {report.Added:N0} added, {report.AlreadyPresent:N0} already present, {report.Skipped:N0} skipped"
            + $" of {report.Total:N0} in {report.Categories} categories, in {report.Elapsed.TotalSeconds:F1} s.");
        if (report.HeldOut > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{report.HeldOut:N0} query rows held out (not products).");
        }

        if (report.Skipped > 0)
        {
            var shown = report.SkipReasons.Count < report.Skipped ? $" (the first {report.SkipReasons.Count})" : "";
            yield return $"Skipped{shown}:";
            foreach (var reason in report.SkipReasons)
            {
                yield return "  " + reason;
            }
        }
    }
}
