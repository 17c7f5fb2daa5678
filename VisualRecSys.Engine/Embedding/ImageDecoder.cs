using System.Globalization;
using SkiaSharp;
using VisualRecSys.Engine.Embedding.Preprocessing;

namespace VisualRecSys.Engine.Embedding;

/// <summary>Decodes untrusted image bytes with SkiaSharp, refusing oversized input before it costs memory.</summary>
internal static class ImageDecoder
{
    private const string SupportedFormats = "PNG, JPEG, WebP, GIF, BMP, ICO or WBMP";

    private static readonly SKColorSpace s_srgb = SKColorSpace.CreateSrgb();

    /// <summary>
    /// Decodes <paramref name="encodedImage"/> to an opaque RGBA8888 bitmap in sRGB, transparent pixels flattened onto white.
    /// </summary>
    /// <param name="encodedImage">The encoded file.</param>
    /// <param name="limits">Byte and pixel limits; the pixel count is read from the header before decoding.</param>
    /// <param name="targetLongSide">
    /// The long side the caller will resample to. Codecs that scale cheaply while decoding (JPEG by n/8, WebP) decode at
    /// the supported size nearest to twice this, but never below it, so a 24-megapixel photo costs a few megabytes
    /// rather than a hundred. 0 decodes at full size.
    /// </param>
    public static unsafe DecodedImage Decode(ReadOnlySpan<byte> encodedImage, ImageLimits limits, int targetLongSide)
    {
        CheckEncoded(encodedImage, limits);
        fixed (byte* bytes = encodedImage)
        {
            // Wraps the caller's bytes without a copy; the data and codec are disposed before the pin is released.
            using var data = SKData.Create((IntPtr)bytes, encodedImage.Length);
            using var codec = OpenCodec(data, limits);
            var info = codec.Info;
            var size = ChooseDecodeSize(codec, targetLongSide);
            var decodeInfo = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, s_srgb);
            var bitmap = new SKBitmap(decodeInfo);
            try
            {
                if (bitmap.GetPixels() == IntPtr.Zero)
                {
                    throw new InvalidImageException($"The image ({info.Width}×{info.Height}) is too large to decode.");
                }

                CheckResult(codec.GetPixels(decodeInfo, bitmap.GetPixels()));
                if (info.AlphaType != SKAlphaType.Opaque)
                {
                    FlattenOntoWhite(new Span<byte>((void*)bitmap.GetPixels(), bitmap.RowBytes * bitmap.Height));
                }

                return new DecodedImage(bitmap, codec.EncodedOrigin);
            }
            catch
            {
                bitmap.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Decodes <paramref name="encodedImage"/> into <paramref name="pixels"/> (tightly packed rows), without a Skia bitmap:
    /// one byte per pixel for an opaque greyscale image, else RGBA8888 in sRGB with transparency flattened onto white.
    /// </summary>
    /// <param name="encodedImage">The encoded file.</param>
    /// <param name="limits">Byte and pixel limits, checked from the header before decoding.</param>
    /// <param name="targetLongSide">As for <see cref="Decode"/>: codecs that scale cheaply decode at about twice this.</param>
    /// <param name="pixels">Where the pixels go; asked for the length the decoded image needs.</param>
    /// <param name="crop">A region to be rendered, checked against the displayed size from the header, before decoding.</param>
    /// <exception cref="CropOutsideImageException"><paramref name="crop"/> reaches outside the image.</exception>
    public static unsafe DecodedPixels DecodePixels(ReadOnlySpan<byte> encodedImage, ImageLimits limits, int targetLongSide, PixelBuffer<byte> pixels,
        CropRegion? crop = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        CheckEncoded(encodedImage, limits);
        fixed (byte* bytes = encodedImage)
        {
            using var data = SKData.Create((IntPtr)bytes, encodedImage.Length);
            using var codec = OpenCodec(data, limits);
            var info = codec.Info;
            if (crop is { } region)
            {
                var swaps = OrientedView.SwapsAxes(codec.EncodedOrigin);
                region.ThrowIfOutside(swaps ? info.Height : info.Width, swaps ? info.Width : info.Height);
            }

            var size = ChooseDecodeSize(codec, targetLongSide);

            var grey = IsGrey(info);
            var channels = grey ? 1 : 4;
            var decodeInfo = DecodeInfo(info, size, grey);

            // At most MaxImagePixelsLimit × 4 bytes, which fits an int.
            var span = pixels.Get(size.Width * size.Height * channels);
            fixed (byte* target = span)
            {
                CheckResult(codec.GetPixels(decodeInfo, (IntPtr)target));
            }

            if (!grey && info.AlphaType != SKAlphaType.Opaque)
            {
                FlattenOntoWhite(span);
            }

            return new DecodedPixels(size.Width, size.Height, channels, codec.EncodedOrigin) { FullWidth = info.Width, FullHeight = info.Height };
        }
    }

    /// <summary>The image's size as displayed (after its EXIF orientation), from the header alone.</summary>
    /// <exception cref="InvalidImageException">The bytes are not an image, or exceed <paramref name="limits"/>.</exception>
    public static unsafe (int Width, int Height) OrientedSize(ReadOnlySpan<byte> encodedImage, ImageLimits limits)
    {
        CheckEncoded(encodedImage, limits);
        fixed (byte* bytes = encodedImage)
        {
            using var data = SKData.Create((IntPtr)bytes, encodedImage.Length);
            using var codec = OpenCodec(data, limits);
            var info = codec.Info;
            return OrientedView.SwapsAxes(codec.EncodedOrigin) ? (info.Height, info.Width) : (info.Width, info.Height);
        }
    }

    /// <summary>
    /// The pixels decoding <paramref name="encodedImage"/> for a model input of <paramref name="targetLongSide"/> holds in
    /// memory at once: its size as decoded, which JPEG and WebP reduce while decoding and other formats do not (Skia's
    /// PNG codec decodes whole images only: it has no scanline decoding). Reads only the header.
    /// </summary>
    /// <exception cref="InvalidImageException">The bytes are not an image, or exceed <paramref name="limits"/>.</exception>
    public static unsafe long DecodeFootprint(ReadOnlySpan<byte> encodedImage, ImageLimits limits, int targetLongSide)
    {
        CheckEncoded(encodedImage, limits);
        fixed (byte* bytes = encodedImage)
        {
            using var data = SKData.Create((IntPtr)bytes, encodedImage.Length);
            using var codec = OpenCodec(data, limits);
            var size = ChooseDecodeSize(codec, targetLongSide);
            return (long)size.Width * size.Height;
        }
    }

    // Greyscale files (the whole of Fashion-MNIST) decode to one byte per pixel: a quarter of the bytes to resample.
    // Only untagged or sRGB ones, so the colour path's conversion to sRGB could not have changed their values.
    private static bool IsGrey(SKImageInfo info) =>
        info.ColorType == SKColorType.Gray8 && info.AlphaType == SKAlphaType.Opaque && (info.ColorSpace is null || info.ColorSpace.IsSrgb);

    private static SKImageInfo DecodeInfo(SKImageInfo info, SKSizeI size, bool grey) => grey
        ? new SKImageInfo(size.Width, size.Height, SKColorType.Gray8, SKAlphaType.Opaque)
        : new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, s_srgb);

    private static void CheckEncoded(ReadOnlySpan<byte> encodedImage, ImageLimits limits)
    {
        limits.ThrowIfUnset();
        if (encodedImage.IsEmpty)
        {
            throw new InvalidImageException("The image is empty (0 bytes).");
        }

        if (encodedImage.Length > limits.MaxBytes)
        {
            throw new InvalidImageException(string.Create(
                CultureInfo.InvariantCulture,
                $"The image is {encodedImage.Length:N0} bytes; at most {limits.MaxBytes:N0} bytes are accepted."));
        }
    }

    private static SKCodec OpenCodec(SKData data, ImageLimits limits)
    {
        var codec = SKCodec.Create(data)
            ?? throw new InvalidImageException($"The data is not an image in a supported format ({SupportedFormats}).");
        try
        {
            // Only the header has been read so far: refuse decompression bombs before allocating their pixels.
            var info = codec.Info;
            if (info.Width <= 0 || info.Height <= 0)
            {
                throw new InvalidImageException($"The image has no pixels ({info.Width}×{info.Height}).");
            }

            var pixels = (long)info.Width * info.Height;
            if (pixels > limits.MaxPixels)
            {
                throw new InvalidImageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The image is {info.Width:N0}×{info.Height:N0} = {pixels:N0} pixels; at most {limits.MaxPixels:N0} pixels are accepted."));
            }

            return codec;
        }
        catch
        {
            codec.Dispose();
            throw;
        }
    }

    private static void CheckResult(SKCodecResult result)
    {
        // IncompleteInput (a truncated file) is refused too: its missing rows would be embedded as a grey block.
        if (result != SKCodecResult.Success)
        {
            throw new InvalidImageException($"The image could not be decoded ({Describe(result)}).");
        }
    }

    private static SKSizeI ChooseDecodeSize(SKCodec codec, int targetLongSide)
    {
        var full = codec.Info.Size;
        var longSide = Math.Max(full.Width, full.Height);
        if (targetLongSide <= 0 || longSide <= 2 * targetLongSide)
        {
            return full;
        }

        // Codecs return the nearest size they can produce cheaply (full size when they cannot scale at all).
        var scaled = codec.GetScaledDimensions(2f * targetLongSide / longSide);
        var scaledLongSide = Math.Max(scaled.Width, scaled.Height);
        return scaled.Width > 0 && scaled.Height > 0 && scaledLongSide >= targetLongSide && scaledLongSide <= longSide
            ? scaled
            : full;
    }

    /// <summary>
    /// Composites premultiplied pixels over white in place: product photos are cut out on white,
    /// so transparency means "white background", not the black that dropping alpha would give.
    /// </summary>
    private static void FlattenOntoWhite(Span<byte> rgba)
    {
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var transparency = 255 - rgba[i + 3];
            if (transparency != 0)
            {
                // Premultiplied: colour + (1 - alpha) × white, which cannot exceed 255.
                rgba[i] = (byte)(rgba[i] + transparency);
                rgba[i + 1] = (byte)(rgba[i + 1] + transparency);
                rgba[i + 2] = (byte)(rgba[i + 2] + transparency);
                rgba[i + 3] = 255;
            }
        }
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the file is truncated",
        SKCodecResult.ErrorInInput => "the file is corrupt",
        SKCodecResult.InvalidInput => "the file is invalid",
        SKCodecResult.InvalidConversion => "its pixel format cannot be converted",
        SKCodecResult.Unimplemented => "its encoding is not supported",
        _ => result.ToString(),
    };
}
