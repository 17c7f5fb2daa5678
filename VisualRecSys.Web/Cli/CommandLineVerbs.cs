using System.CommandLine;
using System.CommandLine.Parsing;
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
    /// <summary>Exit code of a refusal: the verb understood the request and cannot do it (file missing, wrong format, model mismatch...).</summary>
    public const int Refused = 1;

    /// <summary>Exit code of bad usage: an unknown option, a missing argument or a bad value (System.CommandLine's parse error).</summary>
    public const int BadUsage = 2;

    /// <summary>Exit code when the verb was interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    private static readonly Option<DirectoryInfo?> s_dataDir = new("--data-dir")
    {
        Description = "The data directory (database, images, embeddings, indexes). Default: VisualRecSys:DataDirectory.",
        Recursive = true,
    };

    private static readonly RootCommand s_root = BuildRoot();

    private static readonly string[] s_helpFlags = ["--help", "-h", "-?", "/?"];

    /// <summary>
    /// True when the first argument names a verb or asks for help (anything else starts the web app): <c>--help</c>
    /// lists the verbs instead of starting a server.
    /// </summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (s_root.Subcommands.Any(c => c.Name == args[0]) || s_helpFlags.Contains(args[0]));

    /// <summary>Runs the verb and returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs the verb with parse errors, refusals, and the output of verbs that print through their parse result's
    /// <see cref="InvocationConfiguration"/> (such as <c>evaluate</c>), going to the given writers: tests read them.
    /// Bad usage prints System.CommandLine's parse errors and returns <see cref="BadUsage"/>; an expected refusal
    /// (<see cref="IsRefusal"/>) is one line on <paramref name="error"/> and <see cref="Refused"/>, without a stack trace;
    /// anything else is a bug and keeps its stack trace.
    /// </summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = s_root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            // The parse error action prints the errors (and typo corrections); its own exit code is 1, a refusal's.
            await parse.InvokeAsync(configuration);
            return BadUsage;
        }

        try
        {
            return await parse.InvokeAsync(configuration);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Stopped.");
            return Interrupted;
        }
        catch (Exception e) when (DatabaseFailures.OfTheFile(e) is { } sqlite)
        {
            // SQLite's message names the trouble, not the file: say which database it is.
            var where = parse.GetValue(s_dataDir) is { } dir ? $" in {dir.FullName}" : "";
            await error.WriteLineAsync($"{VerbOf(parse)}: the database{where} cannot be used: {OneLine(sqlite.Message)}");
            return Refused;
        }
        catch (Exception e) when (IsRefusal(e))
        {
            await error.WriteLineAsync($"{VerbOf(parse)}: {OneLine(e.Message)}");
            return Refused;
        }
        catch (Exception e)
        {
            // A bug: keep the trace for the report.
            await error.WriteLineAsync($"Unhandled exception: {e}");
            return Refused;
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> is one of the expected ways a verb declines (its message says why and is enough):
    /// bad data or files, a state that does not allow the work, a value the services reject, a configuration that does not
    /// validate. Null references, disposed objects, null arguments and the like are bugs and keep their stack trace.
    /// </summary>
    internal static bool IsRefusal(Exception e) => e switch
    {
        ObjectDisposedException or ArgumentNullException => false,
        InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException => true,
        ArgumentException or FormatException or NotSupportedException or KeyNotFoundException => true,
        Microsoft.Extensions.Options.OptionsValidationException or ExecutionProviderUnavailableException => true,
        _ => false,
    };

    /// <summary>The verb as typed, e.g. <c>import folder</c>.</summary>
    private static string VerbOf(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

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
