using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
        using var response = await _client.PostAsync("/api/similar", Form([QueryImage(2001)], ("crop", crop)));

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
        using var response = await _client.PostAsync("/api/similar",
            Form([QueryImage(2001), QueryImage(2002)], [.. crops.Select(c => ("crop", c))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> SearchAsync(IEnumerable<byte[]> images, params (string Name, string Value)[] fields)
    {
        using var response = await _client.PostAsync("/api/similar", Form(images, fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(int Id, float Score)> Hits(JsonElement results) =>
        [.. results.EnumerateArray().Select(r => (r.GetProperty("id").GetInt32(), r.GetProperty("score").GetSingle()))];

    private static string Hash(JsonElement body) => body.GetProperty("query").GetProperty("hash").GetString()!;
}
