using System.Buffers.Binary;
using SkiaSharp;

namespace VisualRecSys.Testing.Images;

/// <summary>Small valid images of every format and oddity the decoder accepts: the seeds that fuzz tests mutate.</summary>
internal static class FuzzCorpus
{
    /// <summary>Synthetic images (JPEG, PNG with alpha, WebP, GIF, BMP, 16-bit PNG, CMYK and EXIF JPEG) plus <paramref name="files"/>.</summary>
    public static IReadOnlyList<byte[]> Create(IEnumerable<byte[]> files)
    {
        var jpeg = Photo(64, 48, SKEncodedImageFormat.Jpeg);
        return
        [
            .. files,
            jpeg,
            Photo(48, 32, SKEncodedImageFormat.Png),
            Photo(40, 40, SKEncodedImageFormat.Webp),
            HostileImages.Gif(24, 16, (200, 30, 30), (30, 30, 200)),
            Bmp(6, 4),
            HostileImages.Png16Bit(20, 12, colour: true),
            HostileImages.Png16Bit(20, 12, colour: false),
            HostileImages.CmykJpeg(),
            HostileImages.WithExifOrientation(jpeg, 6),
        ];
    }

    /// <summary>Shapes on a gradient, half transparent at one corner (PNG and WebP keep the alpha).</summary>
    private static byte[] Photo(int width, int height, SKEncodedImageFormat format)
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
            using var clear = new SKPaint { Color = SKColors.Transparent, BlendMode = SKBlendMode.Src };
            canvas.DrawRect(0, 0, width / 4f, height / 4f, clear);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A 24-bit uncompressed BMP (Skia reads BMP but does not write it).</summary>
    private static byte[] Bmp(int width, int height)
    {
        var rowBytes = ((width * 3) + 3) & ~3;
        var bmp = new byte[54 + (rowBytes * height)];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (var i = 54; i < bmp.Length; i++)
        {
            bmp[i] = (byte)(i * 37);
        }

        return bmp;
    }
}
