using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Store;
using VisualRecSys.Web.Infrastructure.Http;

namespace VisualRecSys.Web.Features.Search;

/// <summary>
/// <c>POST /api/similar</c>: search by one uploaded image, or by an outfit of several (their centroid).
/// Multipart form: files in the field <c>images</c>, optional <c>k</c>, <c>category</c> and <c>crop</c>
/// (<see cref="CropField"/>). The answer holds <c>results</c> for the whole and, for several images, <c>pieces</c>:
/// each image's own results and its "complete the look" products (<see cref="PieceResult"/>); for one image
/// <c>pieces</c> is empty.
/// </summary>
public static class ImageSearchEndpoints
{
    public const string ImagesField = "images";

    public static IEndpointRouteBuilder MapImageSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/similar", SearchAsync)
            .WithTags("Catalog")
            .WithSummary("Products that look like the uploaded image(s), or a region of each (crop=x,y,w,h); several images search by their centroid (an outfit) and by each piece.")
            .DisableAntiforgery()
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, ImageSearch search, ProductCatalog catalog, CatalogStatus status,
        IOptions<EmbeddingOptions> embedding, CancellationToken ct)
    {
        var maxImageBytes = embedding.Value.MaxImageBytes;
        if (!http.Request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Expected a multipart form",
                $"Send multipart/form-data with one or more image files in the field '{ImagesField}'.");
        }

        // Bound the whole request before reading it: the most images at the largest size, plus the form's fields.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ((long)ImageSearch.MaxImages * maxImageBytes) + (64 * 1024);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            var tooLarge = e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
            return tooLarge
                ? Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"At most {ImageSearch.MaxImages} images of {maxImageBytes / (1024 * 1024)} MB each.")
                : Problem(StatusCodes.Status400BadRequest, "Unreadable form", e.Message);
        }

        var files = form.Files.GetFiles(ImagesField);
        if (files.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "No images", $"Attach one or more image files in the field '{ImagesField}'.");
        }

        if (files.Count > ImageSearch.MaxImages)
        {
            return Problem(StatusCodes.Status400BadRequest, "Too many images", $"An outfit is at most {ImageSearch.MaxImages} images; got {files.Count}.");
        }

        if (files.FirstOrDefault(f => f.Length > maxImageBytes) is { } large)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Image too large",
                $"'{large.FileName}' is {large.Length:N0} bytes; the limit is {maxImageBytes:N0}.");
        }

        if (!QueryParameter.TryParseInt(form["k"], "k", ProductEndpoints.DefaultSimilarCount, 1, SimilarProducts.MaxResults, out var k, out var error))
        {
            return error!;
        }

        string? category = form["category"];
        if (string.IsNullOrEmpty(category))
        {
            category = null;
        }
        else if (!(await catalog.CategoriesAsync(ct)).Contains(category, StringComparer.Ordinal))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown category", $"'{category}' is not a category.");
        }

        if (!CropField.TryRead(form[CropField.Name], files.Count, out var crops, out var cropProblem))
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad crop", cropProblem);
        }

        var images = new List<QueryImage>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            using var stream = new MemoryStream((int)files[i].Length);
            await files[i].CopyToAsync(stream, ct);
            images.Add(new QueryImage(stream.GetBuffer().AsMemory(0, (int)stream.Length), crops[i]));
        }

        try
        {
            var result = await search.FindAsync(images, k, category, ct);
            return result.Outcome == SimilarOutcome.IndexNotReady
                ? CatalogNotReady.Result(http, status.Current)
                : Results.Ok(new { query = new { images = result.Images, hash = result.QueryHash }, k, results = result.Results, pieces = result.Pieces });
        }
        catch (CropOutsideImageException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Crop outside the image", e.Message);
        }
        catch (InvalidImageException e)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "Unreadable image", e.Message);
        }
        catch (NoImagePipelineException e)
        {
            // The served model has only imported vectors: the request is fine, the server cannot do it in this state.
            return Problem(StatusCodes.Status409Conflict, "No image pipeline", e.Message);
        }
        catch (UploadsBusyException e)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, "Busy decoding other uploads", e.Message);
        }
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
