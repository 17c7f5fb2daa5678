using SkiaSharp;
using VisualRecSys.Engine.Embedding.Preprocessing;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// Turns encoded images into ResNet18 input, and makes the small PNGs the catalog and web app need.
/// </summary>
/// <remarks>
/// Model input pipeline: decode (any format Skia reads) → sRGB RGBA (or grey), transparency flattened onto white →
/// EXIF orientation → letterbox to a square, padded with the mean colour of the image's border so the padding
/// adds no frame → separable Mitchell cubic resample to the input size (the filter stretched when shrinking, so
/// detail averages instead of aliasing), rounded to whole 0..255 values → the model's normalisation
/// (<see cref="ModelInputFormat"/>). For ResNet18: planar BGR floats in 0..255 minus the model's per-pixel
/// <see cref="MeanImage"/>, exactly what ResNetPreprocess.onnx computes from planar RGB.
/// </remarks>
public static class ImagePreprocessor
{
    /// <summary>Width and height of the model input.</summary>
    public const int InputSize = 224;

    /// <summary>Floats in one model input: 3 × 224 × 224.</summary>
    public const int InputLength = 3 * InputSize * InputSize;

    /// <summary>Largest thumbnail side accepted by <see cref="Thumbnail(ReadOnlySpan{byte}, int)"/>.</summary>
    public const int MaxThumbnailSize = 4096;

    /// <summary>Decodes an image and writes ResNet18's input for it.</summary>
    /// <param name="encodedImage">The encoded image file.</param>
    /// <param name="destination">Receives <see cref="InputLength"/> floats: planar B, G, R minus the mean image.</param>
    /// <param name="meanImage">The mean image read from ResNetPreprocess.onnx.</param>
    /// <param name="limits">Byte and pixel limits.</param>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image.</exception>
    public static void ToModelInput(ReadOnlySpan<byte> encodedImage, Span<float> destination, MeanImage meanImage, ImageLimits limits) =>
        ToModelInput(encodedImage, destination, ModelInputFormat.ResNet18(meanImage), limits);

    /// <summary>Decodes an image and writes a model's input for it.</summary>
    /// <param name="encodedImage">The encoded image file.</param>
    /// <param name="destination">Receives <see cref="ModelInputFormat.InputLength"/> floats.</param>
    /// <param name="format">The model's input size, channel order and normalisation.</param>
    /// <param name="limits">Byte and pixel limits.</param>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image.</exception>
    public static void ToModelInput(ReadOnlySpan<byte> encodedImage, Span<float> destination, ModelInputFormat format, ImageLimits limits) =>
        ToModelInput(encodedImage, destination, format, limits, PreprocessScratch.ForCurrentThread());

    /// <summary>As the public overload, with the working memory of the calling worker.</summary>
    internal static void ToModelInput(ReadOnlySpan<byte> encodedImage, Span<float> destination, ModelInputFormat format, ImageLimits limits,
        PreprocessScratch scratch, ImageView view = ImageView.Original, CropRegion? crop = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (destination.Length != format.InputLength)
        {
            throw new ArgumentException($"The destination must hold exactly {format.InputLength} floats; it holds {destination.Length}.", nameof(destination));
        }

        SquareRenderer.Render(encodedImage, limits, format.InputSize, format.ChannelOrder, scratch, destination, crop: crop);
        if (view == ImageView.Mirrored)
        {
            // Mirrored before normalising, so a mean image is subtracted as it is for any other image.
            Mirror(destination, format.InputSize);
        }

        format.Normalize(destination);
    }

    /// <summary>Reverses every row of every plane: the image mirrored left to right.</summary>
    internal static void Mirror(Span<float> planes, int size)
    {
        for (var row = 0; row + size <= planes.Length; row += size)
        {
            planes.Slice(row, size).Reverse();
        }
    }

    /// <summary>
    /// The pixels that preparing <paramref name="encodedImage"/> as model input of <paramref name="inputSize"/> holds in
    /// memory at once (one to four bytes each): the image's size as decoded, which JPEG and WebP reduce to about twice the
    /// input size while decoding and PNG, GIF and BMP do not. Reads only the header, so callers can budget the decoding
    /// memory of concurrent uploads before any of it is spent.
    /// </summary>
    /// <exception cref="InvalidImageException">The bytes are not an image in a supported format, or exceed <paramref name="limits"/>.</exception>
    public static long DecodeFootprint(ReadOnlySpan<byte> encodedImage, ImageLimits limits, int inputSize = InputSize) =>
        ImageDecoder.DecodeFootprint(encodedImage, limits, inputSize);

    /// <summary>
    /// The image's width and height as displayed, after its EXIF orientation: the pixels a <see cref="CropRegion"/> is
    /// measured in. Reads only the header.
    /// </summary>
    /// <exception cref="InvalidImageException">The bytes are not an image in a supported format, or exceed <paramref name="limits"/>.</exception>
    public static (int Width, int Height) OrientedSize(ReadOnlySpan<byte> encodedImage, ImageLimits limits) =>
        ImageDecoder.OrientedSize(encodedImage, limits);

    /// <summary>Encodes 8-bit greyscale pixels (row-major, no padding) as a greyscale PNG.</summary>
    public static unsafe byte[] EncodePng(ReadOnlySpan<byte> greyPixels, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height != greyPixels.Length)
        {
            throw new ArgumentException($"Expected {(long)width * height} pixels for {width}×{height}; got {greyPixels.Length}.", nameof(greyPixels));
        }

        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        fixed (byte* pixels = greyPixels)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)pixels, width);
            return EncodePng(pixmap);
        }
    }

    /// <summary>
    /// Makes a PNG of the image fitted into <paramref name="size"/> × <paramref name="size"/>, keeping its aspect ratio
    /// and applying its EXIF orientation; transparency is flattened onto white. An image at most half the size is
    /// enlarged by the largest whole factor that fits, with nearest-neighbour sampling, so each source pixel becomes a
    /// sharp square (28 × 28 Fashion-MNIST images stay crisp instead of blurring). Uses <see cref="ImageLimits.Default"/>.
    /// </summary>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image.</exception>
    public static byte[] Thumbnail(ReadOnlySpan<byte> encodedImage, int size) => Thumbnail(encodedImage, size, ImageLimits.Default);

    /// <summary>As <see cref="Thumbnail(ReadOnlySpan{byte}, int)"/>, with explicit limits.</summary>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image.</exception>
    public static byte[] Thumbnail(ReadOnlySpan<byte> encodedImage, int size, ImageLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxThumbnailSize);

        using var image = ImageDecoder.Decode(encodedImage, limits, size);
        var width = image.OrientedWidth;
        var height = image.OrientedHeight;
        var fit = (float)size / Math.Max(width, height);
        var scale = fit >= 2f ? MathF.Floor(fit) : Math.Min(1f, fit);
        var outWidth = Math.Clamp((int)MathF.Round(width * scale), 1, size);
        var outHeight = Math.Clamp((int)MathF.Round(height * scale), 1, size);

        using var target = new SKBitmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.White);
            Draw(canvas, image, SKRect.Create(outWidth, outHeight));
        }

        using var pixmap = target.PeekPixels();
        return EncodePng(pixmap);
    }

    /// <summary>Decodes, orients and letterboxes an image into an opaque 224 × 224 RGBA8888 bitmap: the pixels the model sees.</summary>
    internal static SKBitmap RenderSquare(ReadOnlySpan<byte> encodedImage, ImageLimits limits, CropRegion? crop = null)
    {
        var planes = new float[InputLength];
        SquareRenderer.Render(encodedImage, limits, InputSize, ChannelOrder.Rgb, PreprocessScratch.ForCurrentThread(), planes, crop: crop);
        return SquareRenderer.ToBitmap(planes, InputSize);
    }

    /// <summary>
    /// Converts opaque RGBA8888 pixels of the input size to model input the way <see cref="ToModelInput(ReadOnlySpan{byte}, Span{float}, ModelInputFormat, ImageLimits)"/>
    /// does after rendering: planes in the format's channel order (B, G, R for ResNet18, the order ResNetPreprocess.onnx
    /// concatenates) in 0..255, then the format's normalisation. Tests hold it against ResNetPreprocess.onnx.
    /// </summary>
    internal static void PixelsToModelInput(ReadOnlySpan<byte> rgba, ModelInputFormat format, Span<float> destination)
    {
        var planeLength = format.InputSize * format.InputSize;
        if (rgba.Length != planeLength * 4 || destination.Length != format.InputLength)
        {
            throw new ArgumentException($"Expected {format.InputSize}×{format.InputSize} RGBA pixels and a 3×{format.InputSize}×{format.InputSize} destination.");
        }

        var rgb = format.ChannelOrder == ChannelOrder.Rgb;
        var red = destination.Slice((rgb ? 0 : 2) * planeLength, planeLength);
        var green = destination.Slice(planeLength, planeLength);
        var blue = destination.Slice((rgb ? 2 : 0) * planeLength, planeLength);
        for (int p = 0, i = 0; p < planeLength; p++, i += 4)
        {
            red[p] = rgba[i];
            green[p] = rgba[i + 1];
            blue[p] = rgba[i + 2];
        }

        format.Normalize(destination);
    }

    /// <summary>Draws the oriented image into <paramref name="dest"/> (thumbnails) with sampling suited to the scale factor.</summary>
    private static void Draw(SKCanvas canvas, DecodedImage image, SKRect dest)
    {
        var scale = dest.Width / image.OrientedWidth;

        // Cubic sampling ignores mipmaps, so it aliases when shrinking a lot; trilinear mipmaps average instead.
        // Whole-factor enlargements copy pixels (nearest), so small images keep hard edges.
        var sampling = scale >= 2f && scale == MathF.Floor(scale)
            ? new SKSamplingOptions(SKFilterMode.Nearest)
            : scale < 0.5f
                ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : new SKSamplingOptions(SKCubicResampler.Mitchell);

        using var pixmap = image.Bitmap.PeekPixels();
        using var source = SKImage.FromPixels(pixmap);
        using var paint = new SKPaint { IsAntialias = true };
        canvas.Save();
        canvas.Translate(dest.Left, dest.Top);
        canvas.Scale(scale);
        canvas.Concat(image.OrientationMatrix());
        canvas.DrawImage(source, 0, 0, sampling, paint);
        canvas.Restore();
    }

    private static byte[] EncodePng(SKPixmap pixmap)
    {
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 6))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }
}
