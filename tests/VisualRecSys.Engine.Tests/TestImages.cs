using SkiaSharp;
using VisualRecSys.Testing.Images;

namespace VisualRecSys.Engine.Tests;

/// <summary>The committed Fashion-MNIST images and synthetic images made on the fly.</summary>
internal static class TestImages
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestImages");

    public static string[] Names(string category) =>
        System.IO.Directory.GetFiles(Directory, category + "-*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public static byte[] Load(string fileName) => File.ReadAllBytes(Path.Combine(Directory, fileName));

    public static byte[] Sneaker(int n) => Load(Names("sneaker")[n]);

    public static byte[] Trouser(int n) => Load(Names("trouser")[n]);

    /// <summary>A colourful non-square picture (gradient background, shapes), encoded in the given format.</summary>
    public static byte[] ColourPhoto(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(width, height), [SKColors.SkyBlue, SKColors.Orange], SKShaderTileMode.Clamp);
            using var background = new SKPaint { Shader = gradient };
            canvas.DrawRect(0, 0, width, height, background);
            using var red = new SKPaint { Color = SKColors.Crimson, IsAntialias = true };
            canvas.DrawCircle(width * 0.35f, height * 0.5f, height * 0.3f, red);
            using var green = new SKPaint { Color = SKColors.SeaGreen, IsAntialias = true };
            canvas.DrawRect(width * 0.6f, height * 0.2f, width * 0.25f, height * 0.6f, green);
        }

        return Encode(bitmap, format);
    }

    /// <summary>An RGBA PNG drawn by <paramref name="draw"/> on a transparent canvas.</summary>
    public static byte[] TransparentPng(int width, int height, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            draw(canvas);
        }

        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    /// <summary>A solid image with an optional differently coloured rectangle in the middle.</summary>
    public static byte[] Solid(int width, int height, SKColor colour, SKColor? centre = null, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour);
            if (centre is SKColor c)
            {
                using var paint = new SKPaint { Color = c };
                canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
            }
        }

        return Encode(bitmap, format);
    }

    /// <summary>
    /// A 40×20 JPEG stored with quadrants red (top left), blue (top right), green (bottom left) and yellow
    /// (bottom right), tagged with the given EXIF orientation (1–8).
    /// </summary>
    public static byte[] QuadrantJpegWithOrientation(ushort orientation)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(40, 20, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            (SKColor Colour, float X, float Y)[] quadrants = [(SKColors.Red, 0, 0), (SKColors.Blue, 20, 0), (SKColors.Lime, 0, 10), (SKColors.Yellow, 20, 10)];
            foreach (var (colour, x, y) in quadrants)
            {
                using var paint = new SKPaint { Color = colour };
                canvas.DrawRect(x, y, 20, 10, paint);
            }
        }

        return HostileImages.WithExifOrientation(Encode(bitmap, SKEncodedImageFormat.Jpeg), orientation);
    }

    /// <summary>A PNG header claiming <paramref name="width"/> × <paramref name="height"/> pixels over one row of data.</summary>
    public static byte[] PngClaiming(int width, int height) => HostileImages.PngClaiming(width, height);

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }
}
