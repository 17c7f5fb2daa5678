using System.Globalization;
using SkiaSharp;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>An edited copy of a catalog image: what was done, and the encoded file an upload would send.</summary>
/// <param name="Kind">The edit.</param>
/// <param name="Seed">The seed its parameters were drawn with; the same seed gives the same bytes.</param>
/// <param name="Encoded">The edited image, as PNG, or as JPEG for <see cref="ImageEditKind.Jpeg"/> and <see cref="ImageEditKind.Rephotograph"/>.</param>
/// <param name="Width">Its width in pixels.</param>
/// <param name="Height">Its height in pixels.</param>
/// <param name="Description">The parameters drawn, for people (e.g. <c>quality 63</c>).</param>
public sealed record EditedImage(ImageEditKind Kind, int Seed, byte[] Encoded, int Width, int Height, string Description);

/// <summary>
/// Photographs a catalog image "again" with SkiaSharp: a seeded edit of one <see cref="ImageEditKind"/> whose parameters
/// are drawn from the ranges documented on the kind. Used by the instance evaluation, where each edited copy must find
/// its original; nothing here is stored as a product.
/// </summary>
public static class ImageEdits
{
    /// <summary>Smallest side an edit produces (the upload path accepts anything, but a 4 px image is no photograph).</summary>
    public const int MinSide = 16;

    /// <summary>Longest side <see cref="ImageEditKind.Enlarge"/> and <see cref="ImageEditKind.Rephotograph"/> enlarge to.</summary>
    public const int MaxEnlargedSide = 1024;

    /// <summary>Applies <paramref name="kind"/> to <paramref name="encodedImage"/> with parameters drawn from <paramref name="seed"/>.</summary>
    /// <param name="encodedImage">The catalog image (any format the upload path decodes); its EXIF orientation is applied first.</param>
    /// <param name="kind">The edit.</param>
    /// <param name="seed">Seeds the parameters: the same image, kind and seed always give the same bytes.</param>
    /// <param name="limits">Limits the decoding of <paramref name="encodedImage"/>.</param>
    /// <exception cref="InvalidImageException">The image cannot be decoded.</exception>
    public static EditedImage Apply(ReadOnlySpan<byte> encodedImage, ImageEditKind kind, int seed, ImageLimits limits)
    {
        using var decoded = ImageDecoder.Decode(encodedImage, limits, 0);
        using var source = Upright(decoded);
        var random = new Random(seed);
        var (edited, description, jpegQuality) = Edit(source, kind, random);
        using (edited)
        {
            return new EditedImage(kind, seed, Encode(edited, jpegQuality), edited.Width, edited.Height, description);
        }
    }

    /// <summary>Whether every pixel of <paramref name="encodedImage"/> is grey (R = G = B): its edits are those of <see cref="ImageEditKinds.ForGrey"/>.</summary>
    /// <exception cref="InvalidImageException">The image cannot be decoded.</exception>
    public static bool IsGrey(ReadOnlySpan<byte> encodedImage, ImageLimits limits)
    {
        using var decoded = ImageDecoder.Decode(encodedImage, limits, 0);
        return IsGrey(decoded.Bitmap.GetPixelSpan());
    }

    private static (SKBitmap Edited, string Description, int JpegQuality) Edit(SKBitmap source, ImageEditKind kind, Random random)
    {
        switch (kind)
        {
            case ImageEditKind.CropShift:
            {
                var (image, text) = CropShift(source, random, 0.86, 0.96);
                return (image, text, 0);
            }

            case ImageEditKind.Scale:
            {
                var factor = Math.Exp(Uniform(random, Math.Log(0.7), Math.Log(1.5)));
                return (Resize(source, factor), Invariant($"× {factor:F2}"), 0);
            }

            case ImageEditKind.Tone:
            {
                var brightness = Uniform(random, -0.12, 0.12);
                var contrast = Math.Exp(Uniform(random, Math.Log(0.8), Math.Log(1.25)));
                var gamma = Math.Exp(Uniform(random, Math.Log(0.8), Math.Log(1.25)));
                var image = source.Copy();
                ApplyTone(image, brightness, contrast, gamma);
                return (image, Invariant($"brightness {brightness:+0.00;-0.00}, contrast × {contrast:F2}, gamma {gamma:F2}"), 0);
            }

            case ImageEditKind.Blur:
            {
                var sigma = Uniform(random, 0.01, 0.025) * Math.Max(source.Width, source.Height);
                return (Blur(source, (float)sigma), Invariant($"σ {sigma:F2} px"), 0);
            }

            case ImageEditKind.Noise:
            {
                var sigma = Uniform(random, 3, 8);
                var image = source.Copy();
                AddNoise(image, sigma, random);
                return (image, Invariant($"σ {sigma:F1} levels"), 0);
            }

            case ImageEditKind.Jpeg:
            {
                var quality = random.Next(50, 91);
                return (source.Copy(), Invariant($"quality {quality}"), quality);
            }

            case ImageEditKind.Rotation:
            {
                var degrees = Uniform(random, 3, 8) * (random.Next(2) == 0 ? -1 : 1);
                return (Rotate(source, (float)degrees), Invariant($"{degrees:+0.0;-0.0}°"), 0);
            }

            case ImageEditKind.Padding:
                return Pad(source, random);

            case ImageEditKind.Enlarge:
            {
                var factor = EnlargeFactor(source, Uniform(random, 3, 8));
                return (Resize(source, factor), Invariant($"× {factor:F2}"), 0);
            }

            case ImageEditKind.Rephotograph:
                return Rephotograph(source, random);

            case ImageEditKind.ColourCast:
            {
                var (r, g, b) = (Uniform(random, 0.88, 1.12), Uniform(random, 0.88, 1.12), Uniform(random, 0.88, 1.12));
                var image = source.Copy();
                MapChannels(image, r, g, b);
                return (image, Invariant($"R × {r:F2}, G × {g:F2}, B × {b:F2}"), 0);
            }

            case ImageEditKind.Greyscale:
            {
                var image = source.Copy();
                ToGrey(image);
                return (image, "luma", 0);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown edit.");
        }
    }

    private static (SKBitmap, string) CropShift(SKBitmap source, Random random, double minKeep, double maxKeep)
    {
        var keepX = Uniform(random, minKeep, maxKeep);
        var keepY = Uniform(random, minKeep, maxKeep);
        var windowWidth = (float)(source.Width * keepX);
        var windowHeight = (float)(source.Height * keepY);
        var left = (float)(random.NextDouble() * (source.Width - windowWidth));
        var top = (float)(random.NextDouble() * (source.Height - windowHeight));
        var window = SKRect.Create(left, top, windowWidth, windowHeight);
        var image = Draw(source, source.Width, source.Height, SKColors.Black, canvas =>
            canvas.SetMatrix(SKMatrix.CreateScale(source.Width / windowWidth, source.Height / windowHeight).PreConcat(SKMatrix.CreateTranslation(-left, -top))));
        return (image, Invariant($"window {keepX:P0} × {keepY:P0} at ({window.Left:F1}, {window.Top:F1})"));
    }

    private static (SKBitmap, string, int) Pad(SKBitmap source, Random random)
    {
        var margins = new double[4];
        for (var i = 0; i < margins.Length; i++)
        {
            margins[i] = Uniform(random, 0.08, 0.25);
        }

        var left = (int)Math.Round(margins[0] * source.Width);
        var right = (int)Math.Round(margins[1] * source.Width);
        var top = (int)Math.Round(margins[2] * source.Height);
        var bottom = (int)Math.Round(margins[3] * source.Height);
        var image = Draw(source, source.Width + left + right, source.Height + top + bottom, BorderColour(source),
            canvas => canvas.Translate(left, top));
        return (image, Invariant($"margins {left}, {top}, {right}, {bottom} px"), 0);
    }

    private static (SKBitmap, string, int) Rephotograph(SKBitmap source, Random random)
    {
        var (cropped, window) = CropShift(source, random, 0.94, 0.99);
        using (cropped)
        {
            var brightness = Uniform(random, -0.08, 0.08);
            ApplyTone(cropped, brightness, 1, 1);
            var sigma = Uniform(random, 2, 4);
            AddNoise(cropped, sigma, random);
            var factor = EnlargeFactor(cropped, Uniform(random, 4, 8));
            var quality = random.Next(75, 93);
            return (Resize(cropped, factor),
                Invariant($"{window}, brightness {brightness:+0.00;-0.00}, noise σ {sigma:F1}, × {factor:F2}, JPEG quality {quality}"), quality);
        }
    }

    /// <summary><paramref name="wanted"/>, or less so the long side stays within <see cref="MaxEnlargedSide"/>, but at least 1.25.</summary>
    private static double EnlargeFactor(SKBitmap source, double wanted) =>
        Math.Max(1.25, Math.Min(wanted, (double)MaxEnlargedSide / Math.Max(source.Width, source.Height)));

    private static SKBitmap Resize(SKBitmap source, double factor)
    {
        var width = Math.Max(MinSide, (int)Math.Round(source.Width * factor));
        var height = Math.Max(MinSide, (int)Math.Round(source.Height * factor));
        return Draw(source, width, height, SKColors.Black,
            canvas => canvas.Scale((float)width / source.Width, (float)height / source.Height));
    }

    private static SKBitmap Rotate(SKBitmap source, float degrees) =>
        Draw(source, source.Width, source.Height, BorderColour(source),
            canvas => canvas.RotateDegrees(degrees, source.Width / 2f, source.Height / 2f));

    private static SKBitmap Blur(SKBitmap source, float sigma)
    {
        // Clamp: the border pixels extend outwards, so the edges do not darken as with transparent surroundings.
        using var filter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp);
        return Draw(source, source.Width, source.Height, BorderColour(source), _ => { }, filter);
    }

    /// <summary>Draws <paramref name="source"/> onto a new opaque bitmap through the transform <paramref name="place"/> sets.</summary>
    private static SKBitmap Draw(SKBitmap source, int width, int height, SKColor background, Action<SKCanvas> place, SKImageFilter? filter = null)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(background);
        place(canvas);
        var scale = canvas.TotalMatrix.ScaleX;

        // Cubic sampling ignores mipmaps and aliases when shrinking by more than half; trilinear mipmaps average instead.
        var sampling = Math.Abs(scale) < 0.5f
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
        using var image = SKImage.FromBitmap(source);
        using var paint = new SKPaint { IsAntialias = true, ImageFilter = filter };
        canvas.DrawImage(image, 0, 0, sampling, paint);
        return target;
    }

    private static SKBitmap Upright(DecodedImage decoded)
    {
        if (decoded.Origin == SKEncodedOrigin.TopLeft)
        {
            return decoded.Bitmap.Copy();
        }

        var target = new SKBitmap(new SKImageInfo(decoded.OrientedWidth, decoded.OrientedHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.SetMatrix(decoded.OrientationMatrix());
        canvas.DrawBitmap(decoded.Bitmap, 0, 0);
        return target;
    }

    private static void ApplyTone(SKBitmap image, double brightness, double contrast, double gamma)
    {
        Span<byte> table = stackalloc byte[256];
        for (var v = 0; v < 256; v++)
        {
            var x = Math.Pow(v / 255.0, gamma);
            x = ((x - 0.5) * contrast) + 0.5 + brightness;
            table[v] = ToByte(x * 255);
        }

        var pixels = image.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            pixels[i] = table[pixels[i]];
            pixels[i + 1] = table[pixels[i + 1]];
            pixels[i + 2] = table[pixels[i + 2]];
        }
    }

    private static void AddNoise(SKBitmap image, double sigma, Random random)
    {
        var pixels = image.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            // One draw per pixel, added to its three channels: a grey image stays grey.
            var noise = sigma * Gaussian(random);
            pixels[i] = ToByte(pixels[i] + noise);
            pixels[i + 1] = ToByte(pixels[i + 1] + noise);
            pixels[i + 2] = ToByte(pixels[i + 2] + noise);
        }
    }

    private static void MapChannels(SKBitmap image, double red, double green, double blue)
    {
        var pixels = image.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            pixels[i] = ToByte(pixels[i] * red);
            pixels[i + 1] = ToByte(pixels[i + 1] * green);
            pixels[i + 2] = ToByte(pixels[i + 2] * blue);
        }
    }

    private static void ToGrey(SKBitmap image)
    {
        var pixels = image.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var luma = ToByte((0.299 * pixels[i]) + (0.587 * pixels[i + 1]) + (0.114 * pixels[i + 2]));
            pixels[i] = pixels[i + 1] = pixels[i + 2] = luma;
        }
    }

    /// <summary>The mean colour of the outermost pixels: what surrounds the product, used to fill what an edit uncovers.</summary>
    private static SKColor BorderColour(SKBitmap image)
    {
        var pixels = image.GetPixelSpan();
        long r = 0, g = 0, b = 0, n = 0;
        for (var y = 0; y < image.Height; y++)
        {
            var step = y == 0 || y == image.Height - 1 ? 1 : Math.Max(1, image.Width - 1);
            for (var x = 0; x < image.Width; x += step)
            {
                var i = ((y * image.Width) + x) * 4;
                r += pixels[i];
                g += pixels[i + 1];
                b += pixels[i + 2];
                n++;
            }
        }

        return new SKColor((byte)(r / n), (byte)(g / n), (byte)(b / n));
    }

    private static bool IsGrey(ReadOnlySpan<byte> rgba)
    {
        for (var i = 0; i < rgba.Length; i += 4)
        {
            if (rgba[i] != rgba[i + 1] || rgba[i] != rgba[i + 2])
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Encode(SKBitmap image, int jpegQuality)
    {
        using var pixmap = image.PeekPixels();
        using var data = jpegQuality > 0
            ? pixmap.Encode(new SKJpegEncoderOptions(jpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            : pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 6));
        return data?.ToArray() ?? throw new InvalidOperationException("SkiaSharp could not encode the edited image.");
    }

    private static double Uniform(Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static byte ToByte(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
