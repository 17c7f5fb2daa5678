using System.CommandLine;
using Microsoft.Extensions.Options;
using VisualRecSys.Bench.Index.Datasets;

namespace VisualRecSys.Bench.Catalog;

/// <summary><c>make-catalog</c>: a data directory with a catalog of millions the app serves without embedding an image.</summary>
internal static class MakeCatalogCommand
{
    public static Command Create(Option<DirectoryInfo?> dataDirectory)
    {
        var count = new Option<int>("--count") { Description = "Products. Default: 2,000,000.", DefaultValueFactory = _ => ScaleCatalog.DefaultCount };
        var dim = new Option<int>("--dim") { Description = "Dimension of the vectors. Default: 512.", DefaultValueFactory = _ => ProjectedFashionMnist.DefaultDimension };
        var seed = new Option<int>("--seed") { Description = "Seed of the vectors (as bench index's).", DefaultValueFactory = _ => 42 };
        var source = new Option<DirectoryInfo?>("--source") { Description = "Fashion-MNIST folder. Default: /usr/share/datasets/fashion-mnist." };
        var command = new Command("make-catalog",
            $"Write a catalog of Fashion-MNIST products with {ProjectedFashionMnist.Name} vectors into an empty data directory, for running the app at scale.")
        {
            count, dim, seed, source,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new ScaleCatalogSettings
            {
                Count = parse.GetValue(count),
                Dimension = parse.GetValue(dim),
                Seed = parse.GetValue(seed),
                Source = parse.GetValue(source)?.FullName,
            };
            try
            {
                if (settings.Count < 1 || settings.Dimension < 1)
                {
                    throw new ArgumentException("--count and --dim must be positive.");
                }

                await ScaleCatalogMaker.RunAsync(settings, parse.GetValue(dataDirectory), parse.InvocationConfiguration.Output, ct);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or OptionsValidationException)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
