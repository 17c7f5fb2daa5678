using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

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

        var jpeg = Encode(bitmap, SKEncodedImageFormat.Jpeg);

        // APP1 "Exif" segment with a little-endian TIFF header and one IFD entry: Orientation (0x0112), SHORT, 1 value.
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
            0x01, 0x00,
            0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (byte)orientation, (byte)(orientation >> 8), 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ];
        byte[] exifId = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
        var segmentLength = 2 + exifId.Length + tiff.Length;
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2); // SOI
        output.Write([0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength]);
        output.Write(exifId);
        output.Write(tiff);
        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    /// <summary>
    /// A well-formed greyscale PNG whose header claims <paramref name="width"/> × <paramref name="height"/> pixels, with one
    /// compressed row of data: a decompression bomb in miniature (decoding it would need width × height × 4 bytes).
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        WriteChunk(output, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[width + 1]); // filter byte + one row of zeros
        }

        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        output.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }
}
