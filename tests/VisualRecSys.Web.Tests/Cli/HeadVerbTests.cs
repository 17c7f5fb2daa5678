using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using System.Text.Json;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>
/// A head from <c>train-head</c> is a model of its own: <c>embed</c>, <c>build-index</c> and <c>evaluate</c> take its id,
/// and the app serves it (products and uploads) once its build is active. On the small split catalog, real ResNet18.
/// </summary>
public sealed class HeadVerbTests(SplitCatalogFixture catalog) : IClassFixture<SplitCatalogFixture>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-head-verb-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private string Data => Path.Combine(_directory, "data");

    public void Dispose() => EmbeddingHost.Delete(_directory);

    [Fact]
    public async Task A_trained_head_is_embedded_indexed_evaluated_and_served_by_its_model_id()
    {
        catalog.CopyTo(Data);
        var json = Path.Combine(_directory, "head.json");

        Assert.Equal(0, await RunAsync("train-head", "--epochs", "8", "--json", json, "--data-dir", Data));

        using var head = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var model = head.RootElement.GetProperty("model").GetString()!;
        Assert.Matches("^resnet18-[0-9a-f]{12}\\.head-[0-9a-f]{12}$", model);
        Assert.StartsWith(catalog.ModelId + ".head-", model, StringComparison.Ordinal);
        Assert.InRange(head.RootElement.GetProperty("epochs").GetInt32(), 1, 8);
        Assert.InRange(head.RootElement.GetProperty("validation_accuracy").GetDouble(), 0, 1);
        Assert.True(head.RootElement.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(5, head.RootElement.GetProperty("members").GetInt32());
        Assert.Contains("validation accuracy", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("chosen by the two-axis rule", _output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Data, "heads", model + ".head")));
        // Both axes on held-out products, for the backbone and every candidate, and the chosen share among them.
        var heldOut = head.RootElement.GetProperty("held_out");
        var chosen = heldOut.GetProperty("chosen").GetString()!;
        var candidates = heldOut.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains(chosen, candidates);
        Assert.Equal(chosen, Engine.Heads.Training.RetrievalHeadTrainer.CandidateName(
            head.RootElement.GetProperty("share").GetSingle(), head.RootElement.GetProperty("temperature").GetSingle()));
        Assert.InRange(heldOut.GetProperty("backbone").GetProperty("instance_recall_at_1").GetDouble(), 0, 1);
        // One edited copy of each training product was embedded first (the whitening and the held-out instance figures).
        var copies = EmbeddingStore.TryLoad(Path.Combine(Data, "embeddings"), catalog.ModelId + ".edited-7");
        Assert.Equal(head.RootElement.GetProperty("edited_copies").GetInt32(), copies?.Count);

        Assert.Equal(0, await RunAsync("embed", "--model", model, "--data-dir", Data));
        var vectors = EmbeddingStore.TryLoad(Path.Combine(Data, "embeddings"), model)!;
        // The whitened backbone (512) beside the class part (one per category).
        Assert.Equal((AppFactory.CategoryCount * SplitCatalogFixture.PerCategory, 512 + AppFactory.CategoryCount), (vectors.Count, vectors.Dimension));
        Assert.Equal(1.0, TensorPrimitives.Norm(vectors.Vector(0)), 4);

        Assert.Equal(0, await RunAsync("build-index", "--model", model, "--trees", "4", "--activate", "--data-dir", Data));
        var report = Path.Combine(_directory, "eval.json");
        Assert.Equal(0, await RunAsync("evaluate", "--model", model, "--k", "3", "--json", report, "--data-dir", Data));
        using var evaluation = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal(model, evaluation.RootElement.GetProperty("model").GetString());
        Assert.Equal(AppFactory.CategoryCount, evaluation.RootElement.GetProperty("queries").GetInt32());
        Assert.Equal(JsonValueKind.Number, evaluation.RootElement.GetProperty("ann_recall_at_k").ValueKind);

        // The app follows the active build: it serves the head, for product pages and uploads alike.
        await using var app = new AppFactory(_directory);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromSeconds(60));
        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(model, status.GetProperty("index").GetProperty("modelId").GetString());
        var similar = await client.GetFromJsonAsync<JsonElement>("/api/products/1/similar?k=5");
        Assert.Equal(5, similar.GetProperty("results").GetArrayLength());
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(Data, "images"), "*.png", SearchOption.AllDirectories)[0]));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "images", "look.png");
        using var upload = await client.PostAsync("/api/similar", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var found = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(found.GetProperty("results").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Embedding_with_a_head_that_is_not_there_fails_with_the_reason()
    {
        catalog.CopyTo(Data);

        var exit = await CommandLineVerbs.RunAsync(["embed", "--model", catalog.ModelId + ".head-0123456789ab", "--data-dir", Data]);

        Assert.Equal(1, exit);
        Assert.False(File.Exists(Path.Combine(Data, "embeddings", catalog.ModelId + ".head-0123456789ab" + EmbeddingStore.Extension)));
    }

    [Fact]
    public async Task A_damaged_head_file_is_refused_and_the_app_serves_the_backbone()
    {
        catalog.CopyTo(Data);
        var json = Path.Combine(_directory, "head.json");
        Assert.Equal(0, await RunAsync("train-head", "--epochs", "2", "--members", "1", "--json", json, "--data-dir", Data));
        using var head = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var model = head.RootElement.GetProperty("model").GetString()!;
        Assert.Equal(1, head.RootElement.GetProperty("members").GetInt32());
        Assert.Equal(0, await RunAsync("embed", "--model", model, "--data-dir", Data));
        Assert.Equal(0, await RunAsync("build-index", "--model", model, "--trees", "2", "--activate", "--data-dir", Data));
        var file = Path.Combine(Data, "heads", model + HeadFile.Extension);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x10;
        await File.WriteAllBytesAsync(file, bytes);

        await using var app = new AppFactory(_directory);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromSeconds(60));

        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(catalog.ModelId, status.GetProperty("index").GetProperty("modelId").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task Out_of_range_epochs_are_refused(string epochs)
    {
        var exit = await RunAsync("train-head", "--epochs", epochs, "--data-dir", Data);

        Assert.NotEqual(0, exit);
        Assert.Contains("--epochs must be between 1 and 1000", _error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] args) => CommandLineVerbs.RunAsync(args, _output, _error);
}
