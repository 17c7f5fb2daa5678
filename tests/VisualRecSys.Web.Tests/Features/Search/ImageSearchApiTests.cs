using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Features.Search;

public partial class ImageSearchApiTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    private readonly HttpClient _client = app.Client;

    private static byte[] QueryImage(int id) =>
        File.ReadAllBytes(Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "demo-catalog", "query", $"{id:D5}.png"));

    private static MultipartFormDataContent Form(IEnumerable<byte[]> images, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var n = 0;
        foreach (var image in images)
        {
            var content = new ByteArrayContent(image);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "images", $"image{n++}.png");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    [Fact]
    public async Task One_uploaded_image_returns_k_products_best_first()
    {
        using var response = await _client.PostAsync("/api/similar", Form([QueryImage(2001)], ("k", "5")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        var scores = results.Select(r => r.GetProperty("score").GetSingle()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(64, body.GetProperty("query").GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task An_outfit_of_two_images_searches_by_their_centroid_and_honours_the_category()
    {
        using var response = await _client.PostAsync("/api/similar",
            Form([QueryImage(2001), QueryImage(2002)], ("k", "3"), ("category", "Bag")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("query").GetProperty("images").GetInt32());
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal("Bag", r.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task The_same_images_give_the_same_query_hash()
    {
        async Task<string> HashOf(byte[] image)
        {
            using var response = await _client.PostAsync("/api/similar", Form([image]));
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("query").GetProperty("hash").GetString()!;
        }

        Assert.Equal(await HashOf(QueryImage(2003)), await HashOf(QueryImage(2003)));
        Assert.NotEqual(await HashOf(QueryImage(2003)), await HashOf(QueryImage(2004)));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_gets_422_saying_so()
    {
        using var response = await _client.PostAsync("/api/similar", Form([[1, 2, 3, 4, 5]]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not an image", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_image_over_the_size_limit_gets_413()
    {
        // One byte over VisualRecSys:Embedding:MaxImageBytes (20 MiB by default).
        var tooLarge = new byte[(20 * 1024 * 1024) + 1];

        using var response = await _client.PostAsync("/api/similar", Form([tooLarge]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_gets_415()
    {
        using var response = await _client.PostAsync("/api/similar", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData(0, "k", "5")]
    [InlineData(1, "k", "0")]
    [InlineData(1, "category", "Hats")]
    [InlineData(9, "k", "5")]
    public async Task Bad_forms_get_400(int images, string field, string value)
    {
        using var response = await _client.PostAsync("/api/similar", Form(Enumerable.Repeat(QueryImage(2005), images), (field, value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document_with_a_browsable_ui()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/similar", out var similar));
        var form = similar.GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data");
        Assert.Equal("array", form.GetProperty("schema").GetProperty("properties").GetProperty("images").GetProperty("type").GetString());
        Assert.True(paths.TryGetProperty("/api/products/{id}/similar", out _));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/docs/index.html")).StatusCode);
    }
}
