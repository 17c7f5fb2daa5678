using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Web.Features.Why;

namespace VisualRecSys.Web.Tests.Features.Why;

public sealed class WhyApiTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    private readonly HttpClient _client = app.Client;

    private async Task<(int Query, int Result)> PairAsync(string category)
    {
        var products = await _client.GetFromJsonAsync<JsonElement>($"/api/products?category={category}");
        var id = products.GetProperty("items")[0].GetProperty("id").GetInt32();
        var similar = await _client.GetFromJsonAsync<JsonElement>($"/api/products/{id}/similar?k=1");
        return (id, similar.GetProperty("results")[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Why_answers_a_grid_of_drops_for_each_image_and_the_cosine()
    {
        var (query, result) = await PairAsync("Sneaker");

        var why = await _client.GetFromJsonAsync<JsonElement>($"/api/products/{query}/similar/{result}/why?grid=7");

        Assert.Equal(7, why.GetProperty("grid").GetInt32());
        Assert.InRange(why.GetProperty("cosine").GetSingle(), 0.3f, 1f);
        foreach (var side in new[] { "query", "result" })
        {
            var rows = why.GetProperty(side).EnumerateArray().ToList();
            Assert.Equal(7, rows.Count);
            Assert.All(rows, row => Assert.Equal(7, row.GetArrayLength()));
            var drops = rows.SelectMany(row => row.EnumerateArray().Select(cell => cell.GetSingle())).ToList();
            Assert.True(drops.Max() > 0.001f, $"no cell of the {side} carried likeness: {string.Join(", ", drops)}");
        }
    }

    [Fact]
    public async Task A_pair_asked_again_comes_from_the_cache_and_another_grid_is_computed()
    {
        var maps = app.Factory.Services.GetRequiredService<WhyMaps>();
        var (query, result) = await PairAsync("Trouser");

        var first = await _client.GetStringAsync($"/api/products/{query}/similar/{result}/why?grid=3");
        var computed = maps.Computed;
        var second = await _client.GetStringAsync($"/api/products/{query}/similar/{result}/why?grid=3");

        Assert.Equal(first, second);
        Assert.Equal(computed, maps.Computed);

        await _client.GetStringAsync($"/api/products/{query}/similar/{result}/why?grid=2");
        Assert.Equal(computed + 1, maps.Computed);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("15")]
    [InlineData("seven")]
    public async Task A_grid_out_of_range_is_refused_with_the_range(string grid)
    {
        var (query, result) = await PairAsync("Bag");

        var response = await _client.GetAsync($"/api/products/{query}/similar/{result}/why?grid={grid}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("from 2 to 14", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_product_on_either_side_is_a_404_that_names_it()
    {
        var (query, _) = await PairAsync("Bag");

        var unknownQuery = await _client.GetAsync($"/api/products/999999/similar/{query}/why");
        var unknownResult = await _client.GetAsync($"/api/products/{query}/similar/888888/why");

        Assert.Equal(HttpStatusCode.NotFound, unknownQuery.StatusCode);
        Assert.Contains("999999", (await unknownQuery.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownResult.StatusCode);
        Assert.Contains("888888", (await unknownResult.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
