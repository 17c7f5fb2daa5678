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

/// <summary><c>embed</c>: image embeddings for the products.</summary>
internal static class EmbedVerbs
{
    public static Command Embed(Option<DirectoryInfo?> dataDir)
    {
        var command = new Command("embed", "Embed every product that has no vector yet and save the embeddings.");
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
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
}
