using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Web.Cli;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>
/// How verbs decline, in-process: bad usage is System.CommandLine's parse error and exit code 2; an expected refusal
/// (missing file, wrong format, model mismatch, nothing to index) is one line on the error writer and exit code 1, no
/// stack trace; and an Annoy file refused before anything was built leaves no index build row.
/// </summary>
public sealed class RefusalVerbTests : IAsyncLifetime, IDisposable
{
    private const int ServedDimension = 512;
    private const int AnnoyDimension = 64;

    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private string _root = "";
    private string _modelId = "";

    private string Data => Path.Combine(_root, "data");

    /// <summary>A small catalog with stored 512-d vectors of the configured model (random: only their shape matters here).</summary>
    public async Task InitializeAsync()
    {
        _root = await EmbeddingHost.CreateCatalogAsync(perCategory: 1);
        await using var host = await EmbeddingHost.StartAsync(_root);
        _modelId = host.Services.GetRequiredService<EmbeddingModelRegistry>().Active.Id;
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>().CreateDbContextAsync();
        var ids = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).ToArrayAsync();
        EmbeddingStore.Save(RandomMatrix(_modelId, ServedDimension, ids), host.Services.GetRequiredService<DataPaths>().Embeddings);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    public Task DisposeAsync()
    {
        EmbeddingHost.Delete(_root);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Import_annoy_of_another_dimension_than_the_models_vectors_is_a_model_mismatch_and_records_nothing(bool activate)
    {
        var file = AnnoyFileOf(AnnoyDimension);
        string[] args = ["import-annoy", file, "--dim", $"{AnnoyDimension}", "--data-dir", Data];

        var exit = await RunAsync(activate ? [.. args, "--activate"] : args);

        var line = AssertRefusedInOneLine(exit);
        Assert.Contains("model mismatch", line, StringComparison.Ordinal);
        Assert.Contains($"{AnnoyDimension}", line, StringComparison.Ordinal);
        Assert.Contains($"{ServedDimension}", line, StringComparison.Ordinal);
        Assert.Equal(0, await BuildRowsAsync());
    }

    [Fact]
    public async Task Import_annoy_of_a_model_made_elsewhere_is_recorded_but_cannot_be_activated()
    {
        var file = AnnoyFileOf(AnnoyDimension);
        string[] args = ["import-annoy", file, "--dim", $"{AnnoyDimension}", "--model", "elsewhere-v1", "--data-dir", Data];

        var exit = await RunAsync([.. args, "--activate"]);

        var line = AssertRefusedInOneLine(exit);
        Assert.Contains("model mismatch", line, StringComparison.Ordinal);
        Assert.Contains("elsewhere-v1", line, StringComparison.Ordinal);
        Assert.Equal(0, await BuildRowsAsync());

        // Without --activate it is a build like any other (vectors made elsewhere, for export or comparison).
        Assert.Equal(0, await RunAsync(args));
        Assert.Equal(1, await BuildRowsAsync());
    }

    public static TheoryData<string, string> RefusedFiles => new()
    {
        { "missing", "does not exist" },
        { "empty", "empty" },
        { "truncated", "not a whole number" },
        { "ids-not-numbers", "line 1" },
        { "ids-too-few", "ids for" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task Import_annoy_refuses_a_bad_file_in_one_line_before_recording_a_build(string kind, string message)
    {
        var file = Path.Combine(_root, $"{kind}.ann");
        List<string> args = ["import-annoy", file, "--dim", $"{ServedDimension}", "--data-dir", Data];
        switch (kind)
        {
            case "empty":
                await File.WriteAllBytesAsync(file, []);
                break;
            case "truncated":
                var whole = await File.ReadAllBytesAsync(AnnoyFileOf(ServedDimension));
                await File.WriteAllBytesAsync(file, whole[..^100]);
                break;
            case "ids-not-numbers":
            case "ids-too-few":
                file = AnnoyFileOf(ServedDimension);
                args[1] = file;
                var ids = Path.Combine(_root, "items.ids");
                await File.WriteAllLinesAsync(ids, kind == "ids-too-few" ? ["1", "2"] : ["one", "two"]);
                args.AddRange(["--ids", ids]);
                break;
        }

        var exit = await RunAsync([.. args]);

        var line = AssertRefusedInOneLine(exit);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Equal(0, await BuildRowsAsync());
    }

    [Theory]
    [InlineData("import-annoy")]
    [InlineData("import-annoy", "x.ann")]
    [InlineData("import-annoy", "x.ann", "--dim", "abc")]
    [InlineData("import-annoy", "x.ann", "--dim", "0")]
    [InlineData("import-annoy", "x.ann", "--dim", "64", "--metric", "dot")]
    [InlineData("import-annoy", "x.ann", "--dim", "64", "--no-such-option")]
    [InlineData("build-index", "--trees", "0")]
    [InlineData("build-index", "--search-k", "-1")]
    [InlineData("build-index", "--search-k", "1000001")]
    [InlineData("similar", "seven")]
    [InlineData("similar", "7", "--k", "0")]
    [InlineData("export-annoy")]
    [InlineData("evaluate", "--k", "0")]
    [InlineData("evaluate", "--k", "ten")]
    [InlineData("embed", "--batch", "many")]
    [InlineData("import", "fashion-mnist", "--limit", "-1")]
    [InlineData("user", "add", "--email", "x@tests.invalid")]
    public async Task Bad_usage_is_a_parse_error_with_exit_code_2(params string[] args)
    {
        var exit = await RunAsync([.. args, "--data-dir", Data]);

        Assert.Equal(CommandLineVerbs.BadUsage, exit);
        Assert.NotEqual("", _error.ToString());
        Assert.DoesNotContain("Unhandled exception", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await BuildRowsAsync());
    }

    [Fact]
    public async Task Build_index_of_a_model_without_vectors_is_refused_in_one_line_and_records_nothing()
    {
        var exit = await RunAsync("build-index", "--model", "elsewhere-v1", "--data-dir", Data);

        var line = AssertRefusedInOneLine(exit);
        Assert.Contains("There are no stored embeddings for model 'elsewhere-v1'", line, StringComparison.Ordinal);
        Assert.Equal(0, await BuildRowsAsync());
    }

    [Fact]
    public async Task Export_annoy_onto_a_folder_is_refused_in_one_line()
    {
        Assert.Equal(0, await RunAsync("build-index", "--trees", "2", "--activate", "--data-dir", Data));
        _output.GetStringBuilder().Clear();

        var exit = await RunAsync("export-annoy", "--file", _root, "--data-dir", Data);

        AssertRefusedInOneLine(exit);
    }

    [Fact]
    public async Task Make_demo_catalog_without_fashion_mnist_is_refused_in_one_line()
    {
        var exit = await RunAsync("make-demo-catalog", "--source", Path.Combine(_root, "missing"), "--output", Path.Combine(_root, "demo"));

        AssertRefusedInOneLine(exit);
    }

    private string AssertRefusedInOneLine(int exit) => CliRefusals.AssertOneLine(exit, _error.ToString());

    private async Task<int> BuildRowsAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!File.Exists(Path.Combine(Data, "visualrecsys.db")))
        {
            return 0;
        }

        await using var db = SplitCatalogFixture.Database(Data);
        return await db.IndexBuilds.CountAsync();
    }

    /// <summary>A valid Annoy file (angular) of 20 random vectors of <paramref name="dimension"/>.</summary>
    private string AnnoyFileOf(int dimension)
    {
        var path = Path.Combine(_root, $"vectors-{dimension}.ann");
        if (!File.Exists(path))
        {
            using var forest = ForestIndex.Build(RandomMatrix("elsewhere-v1", dimension, [.. Enumerable.Range(0, 20)]), DistanceMetric.Angular, new ForestOptions { Trees = 2 });
            AnnoyExchange.Export(forest, path);
        }

        return path;
    }

    private static EmbeddingMatrix RandomMatrix(string modelId, int dimension, int[] ids)
    {
        var random = new Random(7);
        var vectors = new float[ids.Length * dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)(random.NextDouble() - 0.5);
        }

        return new EmbeddingMatrix(modelId, dimension, ids, vectors);
    }

    private Task<int> RunAsync(params string[] args) => CommandLineVerbs.RunAsync(args, _output, _error);
}
