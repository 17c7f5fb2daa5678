using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Features.Search;

/// <summary>
/// <c>POST /api/similar</c> by a region (<c>crop=x,y,w,h</c>) and by each piece of an outfit (<c>pieces</c>), through
/// real HTTP, the real model and the real index. In the same class as the other upload tests to share their app.
/// </summary>
public partial class ImageSearchApiTests
{
    [Fact]
    public async Task A_region_inside_the_image_is_searched_and_gives_other_results_than_the_whole()
    {
        var whole = await SearchAsync([QueryImage(2001)], ("k", "8"));
        var region = await SearchAsync([QueryImage(2001)], ("k", "8"), ("crop", "2,2,16,16"));

        Assert.Equal(8, region.GetProperty("results").GetArrayLength());
        Assert.NotEqual(Hits(whole.GetProperty("results")), Hits(region.GetProperty("results")));
        Assert.NotEqual(Hash(whole), Hash(region));
    }

    [Theory]
    // The demo query images are 28×28.
    [InlineData("20,20,16,16", "Crop outside the image", "reaches to (36, 36), outside the image of 28×28 pixels")]
    [InlineData("4,4,8,8", "Bad crop", "is 8×8 pixels; choose at least 16×16")]
    [InlineData("4;4;20;20", "Bad crop", "write x,y,w,h in the image's pixels as four whole numbers")]
    public async Task A_region_outside_the_image_or_not_a_region_gets_400_saying_what_to_send(string crop, string title, string detail)
    {
        using var response = await PostAsync([QueryImage(2001)], ("crop", crop));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_piece_of_an_outfit_answers_as_a_search_by_that_image_alone()
    {
        int[] outfit = [2001, 2002, 2003];

        var body = await SearchAsync(outfit.Select(QueryImage), ("k", "5"), ("category", "Bag"));

        var pieces = body.GetProperty("pieces").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], pieces.Select(p => p.GetProperty("index").GetInt32()));
        for (var i = 0; i < outfit.Length; i++)
        {
            var alone = await SearchAsync([QueryImage(outfit[i])], ("k", "5"), ("category", "Bag"));
            Assert.Equal(Hits(alone.GetProperty("results")), Hits(pieces[i].GetProperty("results")));
        }

        // The whole outfit is its own query, not one of its pieces.
        Assert.All(pieces, p => Assert.NotEqual(Hits(body.GetProperty("results")), Hits(p.GetProperty("results"))));
    }

    [Fact]
    public async Task One_image_has_no_pieces_its_results_are_its_own()
    {
        var body = await SearchAsync([QueryImage(2004)], ("k", "3"));

        Assert.Equal(0, body.GetProperty("pieces").GetArrayLength());
        Assert.Equal(3, body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task An_outfit_takes_one_crop_per_image_in_order_an_empty_one_for_a_whole_image()
    {
        var body = await SearchAsync([QueryImage(2001), QueryImage(2002)], ("k", "5"), ("crop", ""), ("crop", "4,4,20,20"));

        var pieces = body.GetProperty("pieces").EnumerateArray().ToList();
        var first = await SearchAsync([QueryImage(2001)], ("k", "5"));
        var secondCropped = await SearchAsync([QueryImage(2002)], ("k", "5"), ("crop", "4,4,20,20"));
        Assert.Equal(Hits(first.GetProperty("results")), Hits(pieces[0].GetProperty("results")));
        Assert.Equal(Hits(secondCropped.GetProperty("results")), Hits(pieces[1].GetProperty("results")));
    }

    [Theory]
    [InlineData(new[] { "4,4,20,20" }, "Send one 'crop' per image, in the order of the images (an empty one searches that image whole); got 1 for 2 images.")]
    [InlineData(new[] { "", "20,20,16,16" }, "Image 2 of 2: The region 20,20,16,16 (x,y,w,h) reaches to (36, 36), outside the image of 28×28 pixels")]
    [InlineData(new[] { "4,4,20", "" }, "Crop 1 of 2: '4,4,20' is not a region")]
    public async Task Crops_that_do_not_match_an_outfits_images_get_400_naming_the_image(string[] crops, string detail)
    {
        using var response = await PostAsync([QueryImage(2001), QueryImage(2002)], [.. crops.Select(c => ("crop", c))]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_the_look_offers_each_piece_the_nearest_product_of_every_category_the_outfit_does_not_wear()
    {
        int[] outfit = [2001, 2002];

        var body = await SearchAsync(outfit.Select(QueryImage), ("k", "5"));

        // Each image alone against the whole catalog, best first: its first result's category is what the piece is,
        // and the first result of a category is that category's product nearest the piece.
        var ranked = new List<List<JsonElement>>();
        foreach (var image in outfit)
        {
            var alone = await SearchAsync([QueryImage(image)], ("k", AppFactory.ProductCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            ranked.Add([.. alone.GetProperty("results").EnumerateArray()]);
        }

        var worn = ranked.Select(r => r[0].GetProperty("category").GetString()!).ToHashSet(StringComparer.Ordinal);
        var pieces = body.GetProperty("pieces").EnumerateArray().ToList();
        for (var i = 0; i < outfit.Length; i++)
        {
            var look = pieces[i].GetProperty("completeTheLook").EnumerateArray().ToList();
            var categories = look.Select(p => p.GetProperty("category").GetString()!).ToList();
            Assert.Equal(AppFactory.CategoryCount - worn.Count, categories.Count);
            Assert.Equal(categories.Count, categories.Distinct().Count());
            Assert.DoesNotContain(categories, worn.Contains);
            var nearestOfEach = categories.Select(c => ranked[i].First(r => r.GetProperty("category").GetString() == c)).ToList();
            Assert.Equal(Hits(JsonSerializer.SerializeToElement(nearestOfEach)), Hits(JsonSerializer.SerializeToElement(look)));
        }
    }

    private async Task<JsonElement> SearchAsync(IEnumerable<byte[]> images, params (string Name, string Value)[] fields)
    {
        using var response = await PostAsync(images, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Posts the form; these tests compare many searches, so past the client's upload allowance (429) it waits as the
    /// answer asks and sends it again.
    /// </summary>
    private async Task<HttpResponseMessage> PostAsync(IEnumerable<byte[]> images, params (string Name, string Value)[] fields)
    {
        var files = images.ToList();
        for (var attempt = 0; ; attempt++)
        {
            var response = await _client.PostAsync("/api/similar", Form(files, fields));
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 3)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    private static List<(int Id, float Score)> Hits(JsonElement results) =>
        [.. results.EnumerateArray().Select(r => (r.GetProperty("id").GetInt32(), r.GetProperty("score").GetSingle()))];

    private static string Hash(JsonElement body) => body.GetProperty("query").GetProperty("hash").GetString()!;
}
