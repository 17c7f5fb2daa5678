using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Features.Store;

public class ProductApiTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Products_lists_the_seeded_catalog_in_pages()
    {
        var first = await _client.GetFromJsonAsync<JsonElement>("/api/products?page=1&pageSize=8");
        var last = await _client.GetFromJsonAsync<JsonElement>("/api/products?page=4&pageSize=8");

        Assert.Equal(AppFactory.ProductCount, first.GetProperty("total").GetInt32());
        Assert.Equal(8, first.GetProperty("items").GetArrayLength());
        Assert.Equal(AppFactory.ProductCount - 24, last.GetProperty("items").GetArrayLength());
        var item = first.GetProperty("items")[0];
        Assert.True(item.GetProperty("id").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(item.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(item.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task Products_filters_by_category()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/products?category=Sneaker");

        Assert.Equal(AppFactory.ProductsPerCategory, page.GetProperty("total").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), p => Assert.Equal("Sneaker", p.GetProperty("category").GetString()));
    }

    [Theory]
    [InlineData("/api/products?pageSize=0")]
    [InlineData("/api/products?pageSize=1000")]
    [InlineData("/api/products?page=abc")]
    [InlineData("/api/products?category=Hats")]
    public async Task Products_rejects_bad_parameters_with_a_problem_that_says_why(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Similar_returns_k_results_that_exclude_the_query_best_first()
    {
        var products = await _client.GetFromJsonAsync<JsonElement>("/api/products?category=Trouser");
        var id = products.GetProperty("items")[0].GetProperty("id").GetInt32();

        var similar = await _client.GetFromJsonAsync<JsonElement>($"/api/products/{id}/similar?k=12");

        Assert.Equal(id, similar.GetProperty("query").GetProperty("id").GetInt32());
        var results = similar.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(12, results.Count);
        Assert.DoesNotContain(results, r => r.GetProperty("id").GetInt32() == id);
        Assert.Equal(12, results.Select(r => r.GetProperty("id").GetInt32()).Distinct().Count());
        var scores = results.Select(r => r.GetProperty("score").GetSingle()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("title").GetString())));
        // The other trousers of the small catalog look more like a trouser than most things do.
        Assert.Equal("Trouser", results[0].GetProperty("category").GetString());
    }

    [Fact]
    public async Task Similar_can_keep_to_the_query_products_category()
    {
        var similar = await _client.GetFromJsonAsync<JsonElement>("/api/products/1/similar?k=5&sameCategory=true");

        var category = similar.GetProperty("query").GetProperty("category").GetString();
        var results = similar.GetProperty("results").EnumerateArray().ToList();
        // The small catalog has 3 products per category: the query and 2 others.
        Assert.Equal(AppFactory.ProductsPerCategory - 1, results.Count);
        Assert.All(results, r => Assert.Equal(category, r.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task Products_filter_by_text_in_the_title()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/products?q=boot%20%231");

        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("Ankle boot #1", page.GetProperty("items")[0].GetProperty("title").GetString());
        var none = await _client.GetFromJsonAsync<JsonElement>("/api/products?q=%25");
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task One_product_categories_and_health_answer_and_an_unknown_product_is_404()
    {
        var product = await _client.GetFromJsonAsync<JsonElement>("/api/products/1");
        var categories = await _client.GetFromJsonAsync<string[]>("/api/categories");
        var health = await _client.GetFromJsonAsync<JsonElement>("/health");
        var missing = await _client.GetAsync("/api/products/987654");

        Assert.Equal(1, product.GetProperty("id").GetInt32());
        Assert.Equal(AppFactory.CategoryCount, categories!.Length);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("CPU", health.GetProperty("provider").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No such product", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Similar_defaults_to_twelve_results()
    {
        var similar = await _client.GetFromJsonAsync<JsonElement>("/api/products/1/similar");

        Assert.Equal(12, similar.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/products/1/similar?k=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/products/1/similar?k=101", HttpStatusCode.BadRequest)]
    [InlineData("/api/products/1/similar?k=twelve", HttpStatusCode.BadRequest)]
    [InlineData("/api/products/999999/similar?k=12", HttpStatusCode.NotFound)]
    public async Task Similar_rejects_bad_requests(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Product_images_are_served_resized_as_png()
    {
        var response = await _client.GetAsync("/images/1?size=256");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        // PNG width and height (big-endian, at 16 and 20): a 28-pixel image enlarged 9× (252 ≤ 256), not left at 28.
        Assert.Equal(252, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/images/1?size=256");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(conditional)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/images/1?size=5000")).StatusCode);
    }
}
