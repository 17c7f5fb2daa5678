using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Models;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Features.Heads;

/// <summary>
/// The head shipped in <c>wwwroot-assets/models</c> (trained by <c>train-head</c> on Fashion-MNIST's train split) on a
/// fresh start of the demo's kind of catalog: served when it is sound and knows the catalog's categories, refused with
/// the backbone serving otherwise.
/// </summary>
public sealed class DefaultHeadTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-default-head-{Guid.NewGuid():N}");

    private static string ShippedHead => Directory.GetFiles(Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "models"), "*" + HeadFile.Extension).Single();

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_fresh_start_serves_the_shipped_head_for_product_pages_and_uploads()
    {
        var head = HeadFile.Load(ShippedHead);
        await using var app = new AppFactory(_root);
        app.Settings["VisualRecSys:DefaultHead"] = "";
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(head.Id, status.GetProperty("index").GetProperty("modelId").GetString());
        Assert.Equal(AppFactory.ProductCount, status.GetProperty("index").GetProperty("items").GetInt32());
        // Installed into the data directory, where the app finds it on later starts.
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "heads", head.Id + HeadFile.Extension)));

        var similar = await client.GetFromJsonAsync<JsonElement>("/api/products/1/similar?k=5");
        Assert.Equal(5, similar.GetProperty("results").GetArrayLength());
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "demo-catalog", "query", "02001.png")));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "images", "coat.png");
        using var upload = await client.PostAsync("/api/similar", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var found = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(found.GetProperty("results").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_damaged_shipped_head_is_refused_and_the_backbone_serves()
    {
        Directory.CreateDirectory(_root);
        var damaged = Path.Combine(_root, Path.GetFileName(ShippedHead));
        var bytes = await File.ReadAllBytesAsync(ShippedHead);
        bytes[bytes.Length / 3] ^= 0x20;
        await File.WriteAllBytesAsync(damaged, bytes);

        await using var app = new AppFactory(_root);
        app.Settings["VisualRecSys:DefaultHead"] = damaged;
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.DoesNotContain(ModelId.HeadMarker, status.GetProperty("index").GetProperty("modelId").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "heads")) && Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "heads")).Any());
    }

    [Fact]
    public async Task A_catalog_with_a_category_the_head_does_not_know_is_served_by_the_backbone()
    {
        // The demo's products, one of them in a category Fashion-MNIST does not have.
        var catalog = TestCatalog.Create(Path.Combine(_root, "catalog"), AppFactory.ProductsPerCategory);
        var lines = await File.ReadAllLinesAsync(catalog);
        lines[1] = string.Join(',', lines[1].Split(',').Select((cell, i) => i == 2 ? "Umbrella" : cell));
        await File.WriteAllLinesAsync(catalog, lines);

        await using var app = new AppFactory(_root);
        app.Settings["VisualRecSys:DefaultHead"] = "";
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.DoesNotContain(ModelId.HeadMarker, status.GetProperty("index").GetProperty("modelId").GetString(), StringComparison.Ordinal);
    }
}
