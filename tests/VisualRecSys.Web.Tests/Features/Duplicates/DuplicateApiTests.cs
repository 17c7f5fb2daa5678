using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VisualRecSys.Engine.Duplicates;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Features.Duplicates;

/// <summary>
/// Duplicates through real HTTP on a catalog with a planted copy: the scan finds it and nothing else, and a hidden product
/// is absent from every store path (listings, counts, product lookups, similar products, uploads of one image and of an
/// outfit, pages) until it is shown again.
/// </summary>
public sealed class DuplicateApiTests(PlantedDuplicateFixture app) : IClassFixture<PlantedDuplicateFixture>
{
    private const int Products = AppFactory.ProductCount + 1;
    private readonly PlantedDuplicate _planted = app.Planted;

    [Fact]
    public async Task A_scan_at_the_default_threshold_finds_the_planted_copy_and_no_other_cluster()
    {
        var jobId = await AdminApiClient.StartAsync(app.Admin, "/api/admin/duplicates/scans", new { });
        var job = await AdminApiClient.WaitAsync(app.Admin, jobId, TimeSpan.FromMinutes(1));
        var report = await app.Admin.GetFromJsonAsync<JsonElement>("/api/admin/duplicates");

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("duplicates", job.GetProperty("kind").GetString());
        Assert.StartsWith("1 clusters", job.GetProperty("message").GetString(), StringComparison.Ordinal);
        // The job reported its stages to the end: the last one counted the two clustered products' titles.
        Assert.Equal("Reading the clusters' titles", job.GetProperty("stage").GetString());
        Assert.Equal(2, job.GetProperty("total").GetInt64());
        Assert.Equal(2, job.GetProperty("done").GetInt64());
        Assert.Equal(Products, report.GetProperty("products").GetInt32());
        Assert.Equal(DuplicateSearch.DefaultThreshold, report.GetProperty("threshold").GetSingle());
        var cluster = Assert.Single(report.GetProperty("clusters").EnumerateArray());
        Assert.Equal([app.OriginalId, app.CopyId], cluster.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetInt32()).ToArray());
        var copy = cluster.GetProperty("members")[1];
        Assert.Equal(app.OriginalId, copy.GetProperty("closestId").GetInt32());
        Assert.InRange(copy.GetProperty("closestCosine").GetSingle(), DuplicateSearch.DefaultThreshold, 1f);
        Assert.Equal(_planted.CopyTitle, copy.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_hidden_copy_is_absent_from_every_store_path_until_it_is_shown_again()
    {
        Assert.Equal(app.CopyId, (await SimilarIdsAsync(app.OriginalId, 5))[0]);

        using var hide = await app.Admin.PostAsJsonAsync("/api/admin/hidden-products", new { keep = app.OriginalId, hide = new[] { app.CopyId } });
        Assert.Equal(HttpStatusCode.OK, hide.StatusCode);
        try
        {
            Assert.Equal(Products - 1, await TotalAsync("/api/products"));
            Assert.Equal(AppFactory.ProductsPerCategory, await TotalAsync($"/api/products?category={PlantedDuplicate.Category}"));
            Assert.Equal(0, await TotalAsync("/api/products?q=Planted%20copy"));
            Assert.Equal(AppFactory.CategoryCount, (await app.Shopper.GetFromJsonAsync<string[]>("/api/categories"))!.Length);
            foreach (var path in new[] { $"/api/products/{app.CopyId}", $"/api/products/{app.CopyId}/similar" })
            {
                using var one = await app.Shopper.GetAsync(path);
                Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
                var problem = await one.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("Not in the store", problem.GetProperty("title").GetString());
                Assert.Equal(app.OriginalId, problem.GetProperty("keptProductId").GetInt32());
            }

            // The copy's page (an old or shared link) leads to the product kept in its place, with the list's choices.
            using (var links = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
            using (var page = await links.GetAsync($"/products/{app.CopyId}?show=6"))
            {
                Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
                Assert.Equal($"/products/{app.OriginalId}?show=6", new Uri(links.BaseAddress!, page.Headers.Location!).PathAndQuery);
            }
            // Every other product still comes back: k results whenever k are eligible.
            var similar = await SimilarIdsAsync(app.OriginalId, Products - 2);
            Assert.Equal(Products - 2, similar.Length);
            Assert.DoesNotContain(app.CopyId, similar);
            var sameCategory = await SimilarIdsAsync(app.OriginalId, 5, sameCategory: true);
            Assert.Equal(AppFactory.ProductsPerCategory - 1, sameCategory.Length);
            Assert.DoesNotContain(app.CopyId, sameCategory);
            // Uploads: the copy's own image, alone and in an outfit, with and without a category.
            Assert.DoesNotContain(app.CopyId, await UploadIdsAsync([_planted.CopyImage], Products - 1));
            Assert.DoesNotContain(app.CopyId, await UploadIdsAsync([_planted.CopyImage, _planted.CopyImage], 10, PlantedDuplicate.Category));
            var store = await app.Shopper.GetStringAsync($"/store?category={PlantedDuplicate.Category}");
            Assert.DoesNotContain(_planted.CopyTitle, store, StringComparison.Ordinal);

            var hidden = await app.Admin.GetFromJsonAsync<JsonElement>("/api/admin/hidden-products");
            var row = Assert.Single(hidden.EnumerateArray());
            Assert.Equal(app.CopyId, row.GetProperty("id").GetInt32());
            Assert.Equal(app.OriginalId, row.GetProperty("keptProductId").GetInt32());
        }
        finally
        {
            using var show = await app.Admin.DeleteAsync($"/api/admin/hidden-products/{app.CopyId}");
            Assert.Equal(HttpStatusCode.NoContent, show.StatusCode);
        }

        Assert.Equal(Products, await TotalAsync("/api/products"));
        Assert.Equal(app.CopyId, (await SimilarIdsAsync(app.OriginalId, 5))[0]);
        Assert.Contains(app.CopyId, await UploadIdsAsync([_planted.CopyImage], 5));
        Assert.Equal(HttpStatusCode.OK, (await app.Shopper.GetAsync($"/api/products/{app.CopyId}")).StatusCode);
    }

    [Fact]
    public async Task When_the_kept_product_is_hidden_too_the_copy_has_no_product_in_its_place_and_its_page_is_a_404()
    {
        // Another product of the catalog, kept while the original is hidden in turn.
        var other = app.OriginalId == 1 ? 2 : 1;
        using var hideCopy = await app.Admin.PostAsJsonAsync("/api/admin/hidden-products", new { keep = app.OriginalId, hide = new[] { app.CopyId } });
        Assert.Equal(HttpStatusCode.OK, hideCopy.StatusCode);
        using var hideOriginal = await app.Admin.PostAsJsonAsync("/api/admin/hidden-products", new { keep = other, hide = new[] { app.OriginalId } });
        Assert.Equal(HttpStatusCode.OK, hideOriginal.StatusCode);
        try
        {
            using var one = await app.Shopper.GetAsync($"/api/products/{app.CopyId}");
            Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
            var problem = await one.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Not in the store", problem.GetProperty("title").GetString());
            Assert.Equal(JsonValueKind.Null, problem.GetProperty("keptProductId").ValueKind);
            using var links = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.NotFound, (await links.GetAsync($"/products/{app.CopyId}")).StatusCode);
        }
        finally
        {
            using var showOriginal = await app.Admin.DeleteAsync($"/api/admin/hidden-products/{app.OriginalId}");
            using var showCopy = await app.Admin.DeleteAsync($"/api/admin/hidden-products/{app.CopyId}");
        }
    }

    [Fact]
    public async Task Admins_hiding_the_same_copy_at_once_all_succeed_and_it_is_hidden_once()
    {
        try
        {
            // Concurrent hides race to insert the same row; the loser must not turn into a server error.
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                app.Admin.PostAsJsonAsync("/api/admin/hidden-products", new { keep = app.OriginalId, hide = new[] { app.CopyId } })));
            var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

            Assert.All(responses.Zip(bodies), r => Assert.True(r.First.StatusCode == HttpStatusCode.OK, $"{(int)r.First.StatusCode}: {r.Second}"));
            Assert.Equal(1, bodies.Sum(b => JsonDocument.Parse(b).RootElement.GetProperty("newlyHidden").GetInt32()));
            Assert.Single((await app.Admin.GetFromJsonAsync<JsonElement>("/api/admin/hidden-products")).EnumerateArray());
        }
        finally
        {
            using var show = await app.Admin.DeleteAsync($"/api/admin/hidden-products/{app.CopyId}");
        }
    }

    [Theory]
    [InlineData("/api/admin/duplicates/scans", """{ "threshold": 1.5 }""", "threshold")]
    [InlineData("/api/admin/duplicates/scans", """{ "neighbours": 0 }""", "neighbours")]
    [InlineData("/api/admin/hidden-products", """{ "keep": 1, "hide": [1] }""", "both kept and hidden")]
    [InlineData("/api/admin/hidden-products", """{ "keep": 1, "hide": [] }""", "names no product")]
    [InlineData("/api/admin/hidden-products", """{ "keep": 1, "hide": [987654] }""", "987654")]
    public async Task Bad_requests_get_a_problem_that_says_what_to_do(string path, string body, string detail)
    {
        using var response = await app.Admin.PostAsync(path, new StringContent(body, new MediaTypeHeaderValue("application/json")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Showing_a_product_that_is_not_hidden_is_404_and_shoppers_cannot_use_the_admin_api()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.DeleteAsync($"/api/admin/hidden-products/{app.OriginalId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Shopper.GetAsync("/api/admin/duplicates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await app.Shopper.PostAsJsonAsync("/api/admin/hidden-products", new { keep = app.OriginalId, hide = new[] { app.CopyId } })).StatusCode);
    }

    private async Task<int> TotalAsync(string url) => (await app.Shopper.GetFromJsonAsync<JsonElement>(url)).GetProperty("total").GetInt32();

    private async Task<int[]> SimilarIdsAsync(int id, int k, bool sameCategory = false)
    {
        var similar = await app.Shopper.GetFromJsonAsync<JsonElement>($"/api/products/{id}/similar?k={k}&sameCategory={sameCategory}");
        return [.. similar.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt32())];
    }

    private async Task<int[]> UploadIdsAsync(IEnumerable<byte[]> images, int k, string? category = null)
    {
        using var form = new MultipartFormDataContent();
        var n = 0;
        foreach (var image in images)
        {
            var content = new ByteArrayContent(image);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "images", $"image{n++}.png");
        }

        form.Add(new StringContent(k.ToString(System.Globalization.CultureInfo.InvariantCulture)), "k");
        if (category is not null)
        {
            form.Add(new StringContent(category), "category");
        }

        using var response = await app.Shopper.PostAsync("/api/similar", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        // Every product the answer names: the whole query's results and, for an outfit, each piece's results and its
        // complete-the-look suggestions, so a hidden product leaking through any of them is caught.
        var answer = JsonDocument.Parse(text).RootElement;
        // Each piece searches the same products as the whole outfit, so it has as many results: a hidden product the
        // search let through and the snapshot then dropped would leave a piece one short.
        Assert.All(answer.GetProperty("pieces").EnumerateArray(),
            p => Assert.Equal(answer.GetProperty("results").GetArrayLength(), p.GetProperty("results").GetArrayLength()));
        var lists = answer.GetProperty("pieces").EnumerateArray()
            .SelectMany(p => new[] { p.GetProperty("results"), p.GetProperty("completeTheLook") })
            .Prepend(answer.GetProperty("results"));
        return [.. lists.SelectMany(list => list.EnumerateArray()).Select(r => r.GetProperty("id").GetInt32())];
    }
}
