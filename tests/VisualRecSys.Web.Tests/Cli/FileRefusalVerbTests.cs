using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>
/// Verbs given a database file that cannot be used, or a folder where a file belongs: one line that names the trouble
/// and exit code 1, never a stack trace; and a folder is refused before any work. <c>--help</c> lists the verbs.
/// </summary>
public sealed class FileRefusalVerbTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-file-refusals-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public FileRefusalVerbTests() => Directory.CreateDirectory(Data);

    private string Data => Path.Combine(_root, "data");

    private string DatabaseFile => Path.Combine(Data, "visualrecsys.db");

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("user", "list")]
    [InlineData("similar", "1")]
    [InlineData("build-index")]
    public async Task A_file_that_is_not_a_database_is_refused_in_one_line(params string[] verb)
    {
        var garbage = new byte[4096];
        new Random(13).NextBytes(garbage);
        await File.WriteAllBytesAsync(DatabaseFile, garbage);

        var line = AssertRefusedInOneLine(await RunAsync([.. verb, "--data-dir", Data]));

        Assert.Contains($"the database in {Data} cannot be used", line, StringComparison.Ordinal);
        Assert.Contains("file is not a database", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_cut_short_is_refused_in_one_line()
    {
        Assert.Equal(0, await RunAsync("user", "list", "--data-dir", Data));
        SqliteConnection.ClearAllPools();
        var whole = await File.ReadAllBytesAsync(DatabaseFile);
        await File.WriteAllBytesAsync(DatabaseFile, whole[..(whole.Length / 3)]);
        _output.GetStringBuilder().Clear();

        var line = AssertRefusedInOneLine(await RunAsync("user", "list", "--data-dir", Data));

        Assert.Contains("cannot be used", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_where_the_database_file_belongs_is_refused_in_one_line()
    {
        Directory.CreateDirectory(DatabaseFile);

        var line = AssertRefusedInOneLine(await RunAsync("user", "list", "--data-dir", Data));

        Assert.Contains("cannot be used", line, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> FolderForAFile => new()
    {
        { ["evaluate", "--json", "{folder}"] },
        { ["train-head", "--json", "{folder}"] },
        { ["export-annoy", "--file", "{folder}"] },
        { ["import-annoy", "{folder}", "--dim", "64"] },
        { ["import-annoy", "{file}", "--dim", "64", "--ids", "{folder}"] },
        { ["import", "folder", "{root}", "--csv", "{folder}"] },
        { ["import", "vectors", "{folder}", "--model", "byo", "--dim", "64", "--ids", "{file}"] },
        { ["import", "vectors", "{file}", "--model", "byo", "--dim", "64", "--ids", "{folder}"] },
    };

    [Theory]
    [MemberData(nameof(FolderForAFile))]
    public async Task A_folder_where_a_file_belongs_is_refused_in_one_line_before_any_work(string[] verb)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "a-folder")).FullName;
        var file = Path.Combine(_root, "vectors.ann");
        await File.WriteAllBytesAsync(file, new byte[64]);
        string[] args = [.. verb.Select(a => a.Replace("{folder}", folder, StringComparison.Ordinal).Replace("{file}", file, StringComparison.Ordinal).Replace("{root}", _root, StringComparison.Ordinal))];

        var line = AssertRefusedInOneLine(await RunAsync([.. args, "--data-dir", Data]));

        Assert.Contains($"{folder} is a folder; give the path of a file", line, StringComparison.Ordinal);
        // Before any work: the verb did not even create the database.
        Assert.False(File.Exists(DatabaseFile), "the verb opened the database before refusing the folder");
    }

    [Fact]
    public void Sqlite_errors_of_the_statement_stay_bugs_and_those_of_the_file_are_refusals()
    {
        const int constraint = 19, syntax = 1, readOnly = 8, notADatabase = 26;
        Assert.Null(DatabaseFailures.OfTheFile(new SqliteException("constraint failed", constraint)));
        Assert.Null(DatabaseFailures.OfTheFile(new SqliteException("syntax error", syntax)));
        Assert.Null(DatabaseFailures.OfTheFile(new InvalidCastException()));
        Assert.NotNull(DatabaseFailures.OfTheFile(new SqliteException("file is not a database", notADatabase)));
        Assert.NotNull(DatabaseFailures.OfTheFile(new DbUpdateException("save failed", new SqliteException("attempt to write a readonly database", readOnly))));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_the_verbs_instead_of_starting_the_web_app(string flag)
    {
        Assert.True(CommandLineVerbs.IsVerb([flag]));

        Assert.Equal(0, await RunAsync(flag));
        Assert.Contains("import-annoy", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("train-head", _output.ToString(), StringComparison.Ordinal);
    }

    private string AssertRefusedInOneLine(int exit) => CliRefusals.AssertOneLine(exit, _error.ToString());

    private Task<int> RunAsync(params string[] args) => CommandLineVerbs.RunAsync(args, _output, _error);
}
