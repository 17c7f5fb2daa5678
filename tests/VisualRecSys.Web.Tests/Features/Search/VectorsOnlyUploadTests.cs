using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Testing;
using VisualRecSys.Testing.Vectors;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Features.Search;

/// <summary>
/// The app serving a build of a model known only by imported vectors: it starts and answers "similar items" from those
/// vectors, and refuses photo uploads with the reason (409), instead of embedding them with another model or crashing.
/// </summary>
public sealed class VectorsOnlyUploadTests : IDisposable
{
    private const string Model = "byo-vectors";
    private const int Dimension = 16;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-vectors-only-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        EmbeddingHost.Delete(_root);
    }

    [Fact]
    public async Task Uploads_are_refused_with_the_reason_while_similar_items_work()
    {
        var csv = TestCatalog.Create(Path.Combine(_root, "catalog"), perCategory: 1);
        var data = Path.Combine(_root, "data");
        await VerbAsync("import", "folder", Path.GetDirectoryName(csv)!, "--csv", csv, "--data-dir", data);
        int[] ids;
        await using (var db = SplitCatalogFixture.Database(data))
        {
            ids = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).ToArrayAsync();
        }

        var npy = Path.Combine(_root, "vectors.npy");
        NpyFiles.Write(npy, NpyFiles.Random(ids.Length, Dimension, seed: 5), Dimension, major: 2);
        var idsFile = Path.Combine(_root, "ids.csv");
        NpyFiles.WriteIds(idsFile, "id", ids.Cast<object>());
        await VerbAsync("import", "vectors", npy, "--model", Model, "--dim", $"{Dimension}", "--ids", idsFile, "--data-dir", data);
        await VerbAsync("build-index", "--model", Model, "--trees", "2", "--activate", "--data-dir", data);
        SqliteConnection.ClearAllPools();

        using var factory = new AppFactory(_root);
        using var client = factory.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(2));

        using var similar = await client.GetAsync($"/api/products/{ids[0]}/similar?k=3");
        Assert.Equal(HttpStatusCode.OK, similar.StatusCode);

        using var upload = await client.PostAsync("/api/similar", UploadForms.One(UploadForms.QueryImage(2001)));
        Assert.Equal(HttpStatusCode.Conflict, upload.StatusCode);
        var problem = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"Model {Model} was imported as vectors and has no image pipeline", detail, StringComparison.Ordinal);
        Assert.Contains("register its ONNX file", detail, StringComparison.Ordinal);
    }

    private static async Task VerbAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(await CommandLineVerbs.RunAsync(args, output, error) == 0, $"{string.Join(' ', args)}: {error}");
    }
}
