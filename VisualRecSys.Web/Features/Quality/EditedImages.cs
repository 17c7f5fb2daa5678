using System.Globalization;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>Why an edited copy could not be made again.</summary>
public enum EditedImageFailure
{
    /// <summary>There is no product of that id.</summary>
    NoProduct,

    /// <summary>The product's image file is not in the images folder.</summary>
    NoImageFile,

    /// <summary>The product's image cannot be decoded.</summary>
    Unreadable,
}

/// <summary>An edited copy made again, or why it could not be.</summary>
/// <param name="Image">The copy; null on failure.</param>
/// <param name="Failure">Why not; null on success.</param>
/// <param name="Detail">The failure, for people.</param>
public sealed record EditedImageResult(EditedImage? Image, EditedImageFailure? Failure, string? Detail);

/// <summary>
/// Makes an instance evaluation's query image again, to show it: the edit applied to the product's stored image with the
/// stored seed and the limits the evaluation used (<see cref="InstanceMeasurement"/>), which gives the bytes it embedded.
/// </summary>
public sealed class EditedImages(ProductCatalog catalog, DataPaths paths, IOptions<EmbeddingOptions> embeddingOptions)
{
    /// <summary>The endpoint that serves the copies (<c>?product=&amp;edit=&amp;seed=</c>).</summary>
    public const string Route = "/api/quality/edited-image";

    /// <summary>The address of the copy of <paramref name="product"/> made by <paramref name="edit"/> with <paramref name="seed"/>.</summary>
    public static string UrlOf(int product, ImageEditKind edit, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"{Route}?product={product}&edit={edit.Name()}&seed={seed}");

    /// <summary>The content type of an edited copy's bytes (<see cref="EditedImage.Encoded"/>).</summary>
    public static string ContentTypeOf(EditedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Kind is ImageEditKind.Jpeg or ImageEditKind.Rephotograph ? "image/jpeg" : "image/png";
    }

    /// <summary>Applies <paramref name="edit"/> with <paramref name="seed"/> to product <paramref name="product"/>'s stored image.</summary>
    public async Task<EditedImageResult> RecreateAsync(int product, ImageEditKind edit, int seed, CancellationToken ct)
    {
        var file = await catalog.FindImageFileAsync(product, ct);
        if (file is null)
        {
            return new(null, EditedImageFailure.NoProduct, $"There is no product {product}.");
        }

        var path = paths.ImageFile(file);
        if (path is null || !File.Exists(path))
        {
            return new(null, EditedImageFailure.NoImageFile, $"The image of product {product} is not on disk.");
        }

        var bytes = await File.ReadAllBytesAsync(path, ct);
        try
        {
            return new(ImageEdits.Apply(bytes, edit, seed, ImageLimits.From(embeddingOptions.Value)), null, null);
        }
        catch (InvalidImageException e)
        {
            return new(null, EditedImageFailure.Unreadable, e.Message);
        }
    }
}
