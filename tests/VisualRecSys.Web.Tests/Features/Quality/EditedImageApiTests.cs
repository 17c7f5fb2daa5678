using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Tests.Features.Quality;

/// <summary><c>GET /api/quality/edited-image</c>: an instance evaluation's query image made again, for analysts only.</summary>
public sealed class EditedImageApiTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    private async Task<(int Id, byte[] Image)> FirstProductAsync()
    {
        var services = app.Factory.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>().CreateDbContextAsync();
        var product = await db.Products.OrderBy(p => p.Id).FirstAsync();
        var file = services.GetRequiredService<DataPaths>().ImageFile(product.ImageFile)!;
        return (product.Id, await File.ReadAllBytesAsync(file));
    }

    private ImageLimits Limits => ImageLimits.From(app.Factory.Services.GetRequiredService<IOptions<EmbeddingOptions>>().Value);

    [Theory]
    [InlineData(ImageEditKind.CropShift, 123456, "image/png")]
    [InlineData(ImageEditKind.Rephotograph, 2024, "image/jpeg")]
    public async Task An_analyst_gets_the_bytes_the_evaluation_embedded(ImageEditKind edit, int seed, string contentType)
    {
        var (id, image) = await FirstProductAsync();
        using var analyst = await app.Factory.CreateSignedInClientAsync(AppRoles.Analyst);

        using var response = await analyst.GetAsync($"/api/quality/edited-image?product={id}&edit={edit.Name()}&seed={seed}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("private", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var expected = ImageEdits.Apply(image, edit, seed, Limits).Encoded;
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
        // Another seed draws other parameters: the seed is used, not ignored.
        Assert.NotEqual(expected, ImageEdits.Apply(image, edit, seed + 1, Limits).Encoded);
    }

    [Fact]
    public async Task A_visitor_is_refused_like_the_rest_of_the_quality_api()
    {
        var (id, _) = await FirstProductAsync();
        using var visitor = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var image = await visitor.GetAsync($"/api/quality/edited-image?product={id}&edit=tone&seed=1");
        using var csv = await visitor.GetAsync("/api/quality/feedback.csv");

        Assert.Equal(HttpStatusCode.Unauthorized, image.StatusCode);
        Assert.Equal(csv.StatusCode, image.StatusCode);
        Assert.NotEqual("image/png", image.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("edit=sharpen&seed=1", HttpStatusCode.BadRequest, "Invalid query parameter 'edit'", "'edit' must be one of crop_shift, scale, tone, blur, noise, jpeg, rotation, padding, enlarge, rephotograph, colour_cast, greyscale; got 'sharpen'.")]
    [InlineData("seed=1", HttpStatusCode.BadRequest, "Invalid query parameter 'edit'", "'edit' must be one of crop_shift, scale, tone, blur, noise, jpeg, rotation, padding, enlarge, rephotograph, colour_cast, greyscale; got ''.")]
    [InlineData("edit=tone", HttpStatusCode.BadRequest, "Invalid query parameter 'seed'", "'seed' is required: a whole number from 0 to 2147483647.")]
    [InlineData("edit=tone&seed=-4", HttpStatusCode.BadRequest, "Invalid query parameter 'seed'", "'seed' must be a whole number from 0 to 2147483647; got '-4'.")]
    public async Task Bad_parameters_are_refused_with_a_problem_naming_them(string query, HttpStatusCode status, string title, string detail)
    {
        var (id, _) = await FirstProductAsync();
        using var analyst = await app.Factory.CreateSignedInClientAsync(AppRoles.Analyst);

        using var response = await analyst.GetAsync($"/api/quality/edited-image?product={id}&{query}");

        await AssertProblemAsync(response, status, title, detail);
    }

    [Theory]
    [InlineData("product=abc&edit=tone&seed=1", HttpStatusCode.BadRequest, "Invalid query parameter 'product'", "'product' must be a whole number from 1 to 2147483647; got 'abc'.")]
    [InlineData("edit=tone&seed=1", HttpStatusCode.BadRequest, "Invalid query parameter 'product'", "'product' is required: a whole number from 1 to 2147483647.")]
    [InlineData("product=987654&edit=tone&seed=1", HttpStatusCode.NotFound, "No such product", "There is no product 987654.")]
    public async Task An_unknown_or_malformed_product_is_refused(string query, HttpStatusCode status, string title, string detail)
    {
        using var analyst = await app.Factory.CreateSignedInClientAsync(AppRoles.Analyst);

        using var response = await analyst.GetAsync($"/api/quality/edited-image?{query}");

        await AssertProblemAsync(response, status, title, detail);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }
}
