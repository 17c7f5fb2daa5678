using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;
using VisualRecSys.Testing.Images;
using static VisualRecSys.Web.Tests.TestSupport.UploadForms;

namespace VisualRecSys.Web.Tests.Features.Search;

/// <summary>
/// One upload of each kind that breaks image services, through real HTTP: each gets a clear 4xx with a reason, or is
/// searched correctly, within seconds, and never a 500. (The 100,000² bomb, 30 MB and non-image cases are in
/// <see cref="ImageSearchApiTests"/> and in the shared reliability check.)
/// </summary>
public sealed class HostileUploadTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    private readonly HttpClient _client = app.Client;

    private async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(MultipartFormDataContent form)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _client.PostAsync("/api/similar", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the upload took {clock.Elapsed.TotalSeconds:F1} s");
        return (response.StatusCode, body);
    }

    private async Task<string> RefusedAsync(byte[] bytes, HttpStatusCode expected)
    {
        var (status, body) = await UploadAsync(One(bytes));
        Assert.Equal(expected, status);
        return body.GetProperty("detail").GetString()!;
    }

    private async Task<List<(int Id, float Score)>> ResultsAsync(MultipartFormDataContent form)
    {
        var (status, body) = await UploadAsync(form);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        return [.. body.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("id").GetInt32(), r.GetProperty("score").GetSingle()))];
    }

    [Fact]
    public async Task A_header_over_the_pixel_limit_is_refused_before_decoding()
    {
        // 7,000 × 7,000 = 49 megapixels, over the default 40: decoding would take 196 MB for a file of a few KB.
        var detail = await RefusedAsync(HostileImages.PngClaiming(7000, 7000), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("49,000,000 pixels", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_image_is_refused_as_truncated()
    {
        var png = QueryImage(2010);
        var detail = await RefusedAsync(png[..(png.Length * 2 / 3)], HttpStatusCode.UnprocessableEntity);
        Assert.Contains("truncated", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_image_is_refused()
    {
        // Garbage over the middle of the compressed pixels: the header parses, the data does not.
        var png = QueryImage(2011);
        var corrupt = (byte[])png.Clone();
        new Random(7).NextBytes(corrupt.AsSpan(png.Length / 2, 40));
        await RefusedAsync(corrupt, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_zero_byte_file_is_refused_as_empty()
    {
        var detail = await RefusedAsync([], HttpStatusCode.UnprocessableEntity);
        Assert.Contains("empty", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_named_and_typed_as_a_png_is_refused_as_not_an_image()
    {
        var detail = await RefusedAsync("<svg onload=alert(1)>"u8.ToArray(), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("not an image", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("photo.png", "image/png")]
    [InlineData("photo.txt", "text/plain")]
    [InlineData("photo", "application/octet-stream")]
    [InlineData("../../photo.exe", "application/x-msdownload")]
    public async Task The_bytes_decide_the_format_not_the_file_name_or_declared_type(string fileName, string contentType)
    {
        // A JPEG under any name and type is searched as the JPEG it is; the name is never used as a path.
        using var bitmap = SKBitmap.Decode(QueryImage(2012));
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 95).ToArray();

        var results = await ResultsAsync(One(jpeg, fileName, contentType));
        Assert.NotEmpty(results);
    }

    [Fact]
    public async Task An_animated_gif_is_searched_by_its_first_frame()
    {
        var animated = await ResultsAsync(One(HostileImages.Gif(32, 32, (180, 40, 40), (40, 40, 180), (40, 180, 40)), "a.gif", "image/gif"));
        var firstFrame = await ResultsAsync(One(HostileImages.Gif(32, 32, (180, 40, 40)), "b.gif", "image/gif"));
        var secondFrame = await ResultsAsync(One(HostileImages.Gif(32, 32, (40, 40, 180)), "c.gif", "image/gif"));

        Assert.Equal(firstFrame, animated);
        Assert.NotEqual(secondFrame, animated);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_16_bit_png_is_searched(bool colour)
    {
        Assert.NotEmpty(await ResultsAsync(One(HostileImages.Png16Bit(64, 48, colour))));
    }

    [Fact]
    public async Task A_cmyk_jpeg_is_searched_like_the_same_picture_in_rgb()
    {
        var cmyk = HostileImages.CmykJpeg();
        using var decoded = SKBitmap.Decode(cmyk);
        using var image = SKImage.FromBitmap(decoded);
        var rgb = image.Encode(SKEncodedImageFormat.Png, 100).ToArray();

        var fromCmyk = await ResultsAsync(One(cmyk, "cmyk.jpg", "image/jpeg"));
        var fromRgb = await ResultsAsync(One(rgb));
        Assert.Equal(fromRgb, fromCmyk);
    }

    [Fact]
    public async Task An_exif_rotated_photo_is_searched_upright()
    {
        // The upright picture, and the same picture stored turned a quarter left with Orientation 6 (turn right to show).
        using var upright = Enlarged(QueryImage(2013), 4);
        using var turned = Turned(upright);
        var uprightJpeg = Jpeg(upright);
        var turnedJpeg = Jpeg(turned);

        var expected = await ResultsAsync(One(uprightJpeg, "upright.jpg", "image/jpeg"));
        var rotated = await ResultsAsync(One(HostileImages.WithExifOrientation(turnedJpeg, 6), "phone.jpg", "image/jpeg"));
        var ignored = await ResultsAsync(One(turnedJpeg, "sideways.jpg", "image/jpeg"));

        Assert.Equal(expected[0].Id, rotated[0].Id);
        Assert.True(Distance(expected, rotated) < Distance(expected, ignored) / 4,
            $"scores with the orientation applied differ by {Distance(expected, rotated):F4}, ignored by {Distance(expected, ignored):F4}");
    }

    [Fact]
    public async Task After_every_hostile_upload_the_app_still_searches()
    {
        await RefusedAsync(HostileImages.PngClaiming(100_000, 100_000), HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(await ResultsAsync(One(QueryImage(2014))));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);
    }

    /// <summary>Sum of score differences over the products both lists hold.</summary>
    private static double Distance(List<(int Id, float Score)> a, List<(int Id, float Score)> b)
    {
        var scores = b.ToDictionary(r => r.Id, r => r.Score);
        return a.Sum(r => scores.TryGetValue(r.Id, out var s) ? Math.Abs(r.Score - s) : 1.0);
    }

    private static SKBitmap Enlarged(byte[] png, int factor)
    {
        using var small = SKBitmap.Decode(png);
        var large = new SKBitmap(new SKImageInfo(small.Width * factor, small.Height * factor, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(large);
        using var source = SKImage.FromBitmap(small);
        canvas.DrawImage(source, SKRect.Create(large.Width, large.Height), new SKSamplingOptions(SKFilterMode.Nearest));
        return large;
    }

    /// <summary>The bitmap turned a quarter to the left (counter-clockwise).</summary>
    private static SKBitmap Turned(SKBitmap upright)
    {
        var turned = new SKBitmap(new SKImageInfo(upright.Height, upright.Width, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(turned);
        canvas.Translate(0, upright.Width);
        canvas.RotateDegrees(-90);
        canvas.DrawBitmap(upright, 0, 0);
        return turned;
    }

    private static byte[] Jpeg(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 100);
        return data.ToArray();
    }
}
