using System.CommandLine;
using System.Globalization;
using VisualRecSys.Data;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;

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

    /// <summary>
    /// Runs the verb with parse errors, and the output of verbs that print through their parse result's
    /// <see cref="InvocationConfiguration"/> (such as <c>evaluate</c>), going to the given writers: tests read them.
    /// </summary>
    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        s_root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand("VisualRecSys command-line verbs. Without a verb the web app starts.");
        root.Options.Add(s_dataDir);
        root.Subcommands.Add(CatalogVerbs.MakeDemoCatalog(s_dataDir));
        root.Subcommands.Add(CatalogVerbs.Import(s_dataDir));
        root.Subcommands.Add(EmbedVerbs.Embed(s_dataDir));
        root.Subcommands.Add(IndexVerbs.Similar(s_dataDir));
        root.Subcommands.Add(IndexVerbs.BuildIndex(s_dataDir));
        root.Subcommands.Add(HeadVerbs.TrainHead(s_dataDir));
        root.Subcommands.Add(AnnoyVerbs.Export(s_dataDir));
        root.Subcommands.Add(AnnoyVerbs.Import(s_dataDir));
        root.Subcommands.Add(EvaluateVerbs.Evaluate(s_dataDir));
        root.Subcommands.Add(UserVerbs.User(s_dataDir));
        return root;
    }
}
