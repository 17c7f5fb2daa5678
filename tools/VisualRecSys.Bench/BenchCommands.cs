using System.CommandLine;
using VisualRecSys.Bench.Catalog;
using VisualRecSys.Bench.Embed;
using VisualRecSys.Bench.Index;
using VisualRecSys.Bench.Why;

namespace VisualRecSys.Bench;

/// <summary>
/// The tool's command line: <c>index</c>, <c>embed</c> and <c>why</c>, each printing a table and writing a JSON report (and a
/// chart) for the README and for comparing machines and versions, and <c>make-catalog</c>, a data directory at scale. All accept <c>--data-dir</c>, as the app's verbs do.
/// </summary>
internal static class BenchCommands
{
    private static readonly Option<DirectoryInfo?> s_dataDir = new("--data-dir")
    {
        Description = "The data directory (caches and scratch files under bench/; embed's images/). Default: VisualRecSys:DataDirectory, else ./data.",
        Recursive = true,
    };

    private static readonly RootCommand s_root = new("VisualRecSys benchmarks that write JSON reports.")
    {
        Options = { s_dataDir },
        Subcommands = { IndexCommand.Create(s_dataDir), EmbedCommand.Create(s_dataDir), MakeCatalogCommand.Create(s_dataDir), WhyCommand.Create(s_dataDir) },
    };

    /// <summary>Runs the command and returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args) => s_root.Parse(args).InvokeAsync();

    /// <summary>Runs the command with its output and errors going to the given writers: tests read them.</summary>
    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        s_root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
}
