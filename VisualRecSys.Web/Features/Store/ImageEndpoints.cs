using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Store;

/// <summary>
/// <c>GET /images/{id}?size=</c>: a product's image, resized to one of <see cref="ImageSizes"/> and cached
/// under the data directory's <c>thumbs/</c> per image file, or the original when no size is given.
/// </summary>
public static class ImageEndpoints
{
    private static readonly FileExtensionContentTypeProvider s_contentTypes = new();

    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/images/{id:int}", ServeAsync).WithTags("Images");
        return app;
    }

    private static async Task<IResult> ServeAsync(HttpContext http, int id, string? size, ProductCatalog catalog, DataPaths paths, CancellationToken ct)
    {
        var file = await catalog.FindImageFileAsync(id, ct);
        if (file is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product", detail: $"There is no product {id}.");
        }
        var original = paths.ImageFile(file);
        if (original is null || !File.Exists(original))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Image missing", detail: $"The image of product {id} is not on disk.");
        }

        http.Response.Headers.CacheControl = "public, max-age=86400";
        if (string.IsNullOrEmpty(size))
        {
            var type = s_contentTypes.TryGetContentType(original, out var t) ? t : "application/octet-stream";
            return Results.File(original, type, lastModified: File.GetLastWriteTimeUtc(original), enableRangeProcessing: false);
        }
        if (!int.TryParse(size, System.Globalization.CultureInfo.InvariantCulture, out var pixels) || !ImageSizes.All.Contains(pixels))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query parameter 'size'",
                detail: $"'size' must be one of {string.Join(", ", ImageSizes.All)}; got '{size}'.");
        }

        // Keyed by the image file, not the product: products sharing an image (the scale catalog's 2M share 60,000) share
        // its thumbnails. The original's path was checked to lie inside images/, so this one lies inside thumbs/<size>/.
        var sizeFolder = Path.Combine(paths.Thumbnails, pixels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cached = Path.ChangeExtension(Path.Combine(sizeFolder, Path.GetRelativePath(paths.Images, original)), ".png");
        if (!File.Exists(cached) || File.GetLastWriteTimeUtc(cached) < File.GetLastWriteTimeUtc(original))
        {
            try
            {
                var bytes = await File.ReadAllBytesAsync(original, ct);
                await WriteAtomicallyAsync(cached, ImagePreprocessor.Thumbnail(bytes, pixels), ct);
            }
            catch (InvalidImageException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unreadable image", detail: e.Message);
            }
        }
        var modified = File.GetLastWriteTimeUtc(cached);
        return Results.File(cached, "image/png", lastModified: modified,
            entityTag: new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(cached)}-{pixels}-{modified.Ticks:x}\""));
    }

    /// <summary>Concurrent first requests may both render; each writes its own temp file and the last move wins.</summary>
    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, path, overwrite: true);
    }
}
