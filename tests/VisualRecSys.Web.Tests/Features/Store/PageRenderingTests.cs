using System.Net;
using System.Text.RegularExpressions;

namespace VisualRecSys.Web.Tests.Features.Store;

/// <summary>The pages as first served (prerendered HTML), through the real app host.</summary>
public partial class PageRenderingTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Product_page_shows_the_product_and_twelve_similar_products()
    {
        var html = await _client.GetStringAsync("/products/1");

        Assert.Contains("class=\"product-hero-image\"", html);
        var similarGrid = html[html.IndexOf("data-testid=\"similar-products\"", StringComparison.Ordinal)..];
        var ids = CardIds().Matches(similarGrid).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(12, ids.Count);
        Assert.DoesNotContain("1", ids);
    }

    [Theory]
    [InlineData("/products/1?show=6", 6, false)]
    [InlineData("/products/1?show=24", 24, false)]
    [InlineData("/products/1?same=true", 2, true)]
    [InlineData("/products/1?show=7", 12, false)]
    public async Task The_similar_count_and_same_category_come_from_the_url(string url, int expected, bool sameCategory)
    {
        var html = await _client.GetStringAsync(url);

        var similarGrid = html[html.IndexOf("data-testid=\"similar-products\"", StringComparison.Ordinal)..];
        Assert.Equal(expected, CardIds().Count(similarGrid));
        var categories = Regex.Matches(similarGrid, "class=\"[^\"]*product-category[^\"]*\"[^>]*>([^<]+)<").Select(m => m.Groups[1].Value.Trim()).Distinct().ToList();
        // The test catalog has 3 products per category: the same-category list is the product's two siblings.
        Assert.Equal(sameCategory, categories.Count == 1);
    }

    [Fact]
    public async Task A_title_filter_with_no_match_names_the_filter_not_the_category()
    {
        var html = System.Net.WebUtility.HtmlDecode(await _client.GetStringAsync("/store?category=Bag&q=zzzz"));

        Assert.Equal(0, CardIds().Count(html));
        Assert.Contains("No product title in Bag contains “zzzz”.", html);
        Assert.DoesNotContain("No products in this category yet.", html);
    }

    [Fact]
    public async Task Store_page_lists_products_of_the_chosen_category()
    {
        var html = await _client.GetStringAsync("/store?category=Bag");

        Assert.Equal(3, CardIds().Count(html));
        Assert.Contains("Bag #1", html);
        Assert.DoesNotContain("Sneaker #1", html);
    }

    [Fact]
    public async Task Unknown_product_page_says_so_with_a_404()
    {
        var response = await _client.GetAsync("/products/424242");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Sorry, there is nothing at this address.", html);
    }

    [Fact]
    public async Task Static_assets_are_served_from_wwwroot_assets()
    {
        var response = await _client.GetAsync("/assets/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(".product-card-image", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("data-product-id=\"(\\d+)\"")]
    private static partial Regex CardIds();
}
