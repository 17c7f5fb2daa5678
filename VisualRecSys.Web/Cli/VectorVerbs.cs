using System.CommandLine;
using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Data.Importing.Vectors;
using VisualRecSys.Engine.Index.Store.VectorFiles;
using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Cli;

/// <summary><c>import vectors</c>: bring your own embeddings for products that already exist.</summary>
internal static class VectorVerbs
{
    /// <summary>Largest --dim: a store block of one row must stay far inside an int.</summary>
    private const int MaxDimension = 1 << 20;

    public static Command ImportVectors(Option<DirectoryInfo?> dataDir)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = $"The vectors: NumPy {VectorFile.NpyExtension} (dtype '<f4', C order, shape (rows, dim); format 1.0, 2.0 or 3.0) "
                + $"or raw {VectorFile.RawExtension} (little-endian float32, row after row).",
        };
        var model = new Option<string>("--model")
        {
            Description = "The model the vectors come from. A registered model's name or id stores them as that model's (its image pipeline stays); "
                + "a new name declares a model known only by these vectors: build-index --model NAME indexes them, photo search is refused for it.",
            Required = true,
        };
        var dimension = new Option<int>("--dim") { Description = "The vectors' dimension; the file must have it.", Required = true }.Between(1, MaxDimension);
        var ids = new Option<FileInfo>("--ids")
        {
            Description = $"The product of each row, in row order: a one-column CSV whose header is '{VectorIdsFile.IdHeader}' (product ids) "
                + $"or '{VectorIdsFile.SourceKeyHeader}' (the products' source keys, as imported). Required for both formats: a vector file holds no ids.",
            Required = true,
        };
        var command = new Command(
            "vectors",
            "Import embeddings made elsewhere for products that already exist, appending them to the model's embedding store. "
            + "Everything is checked first (dimension, file length, NaN/Inf, unknown or repeated ids); a refused file writes nothing.")
        {
            file, model, dimension, ids,
        };
        command.SetAction(async (parse, ct) =>
        {
            FileTargets.RefuseFolder(parse.GetValue(file), file.Name);
            FileTargets.RefuseFolder(parse.GetValue(ids), ids.Name);
            // The files' own checks need no database: a wrong file is refused before one is opened (or created).
            var request = new VectorImportRequest(
                parse.GetValue(model)!,
                VectorFile.Describe(parse.GetValue(file)!.FullName, parse.GetValue(dimension)),
                VectorIdsFile.Read(parse.GetValue(ids)!.FullName));

            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            var bar = new ConsoleProgressBar(output, inPlace: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
            VectorImportReport report;
            try
            {
                report = await Task.Run(() => services.GetRequiredService<VectorImporter>().ImportAsync(request, bar, ct), ct);
            }
            finally
            {
                bar.Finish();
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Imported {report.Rows:N0} vectors of {report.Dimension} dimensions for model {report.ModelId} in {report.Elapsed.TotalSeconds:F1} s "
                + $"(checks {report.Checking.TotalSeconds:F1} s; {report.Rows / Math.Max(report.Elapsed.TotalSeconds, 1e-3):N0} rows/s); {report.StoreRows:N0} rows in {report.StorePath}."));
            if (report.VectorsOnly)
            {
                output.WriteLine($"Model {report.ModelId} has no image pipeline: photo search is refused for it. Next: build-index --model {report.ModelId}");
            }

            return 0;
        });
        return command;
    }
}
