using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Tests.Embedding;

/// <summary>Untrusted bytes are refused before they can cost memory; no model needed.</summary>
public sealed class ImageValidationTests
{
    private static InvalidImageException Refused(ReadOnlySpan<byte> bytes, ImageLimits? limits = null)
    {
        var copy = bytes.ToArray();
        return Assert.Throws<InvalidImageException>(() =>
        {
            using var image = ImageDecoder.Decode(copy, limits ?? ImageLimits.Default, 224);
        });
    }

    [Fact]
    public void Empty_bytes() => Assert.Contains("empty", Refused([]).Message, StringComparison.Ordinal);

    [Fact]
    public void Random_bytes()
    {
        var bytes = new byte[4096];
        new Random(99).NextBytes(bytes);
        Assert.Contains("not an image", Refused(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_image()
    {
        var photo = TestImages.ColourPhoto(300, 200, SkiaSharp.SKEncodedImageFormat.Png);
        Refused(photo.AsSpan(0, photo.Length / 2));
    }

    [Fact]
    public void Header_claiming_ten_billion_pixels_is_refused_without_decoding()
    {
        var bomb = TestImages.PngClaiming(100_000, 100_000);
        Assert.True(bomb.Length < 1000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("10,000,000,000 pixels", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Too_many_bytes()
    {
        var photo = TestImages.ColourPhoto(64, 64);
        var e = Refused(photo, new ImageLimits(photo.Length - 1, 1_000_000));
        Assert.Contains("bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_pixels_for_configured_limit()
    {
        var e = Refused(TestImages.ColourPhoto(64, 64), new ImageLimits(1_000_000, 64 * 64 - 1));
        Assert.Contains("pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_limits_are_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(TestImages.Sneaker(0), default, 224));
    }

    [Fact]
    public void Accepted_formats_decode()
    {
        foreach (var format in new[] { SkiaSharp.SKEncodedImageFormat.Png, SkiaSharp.SKEncodedImageFormat.Jpeg, SkiaSharp.SKEncodedImageFormat.Webp })
        {
            using var image = ImageDecoder.Decode(TestImages.ColourPhoto(90, 60, format), ImageLimits.Default, 224);
            Assert.Equal((90, 60), (image.OrientedWidth, image.OrientedHeight));
        }
    }

    [Fact]
    public void Large_jpeg_is_decoded_at_reduced_size_but_png_is_not()
    {
        using var jpeg = ImageDecoder.Decode(TestImages.ColourPhoto(2400, 1600), ImageLimits.Default, 224);
        Assert.InRange(jpeg.Bitmap.Width, 224, 1200); // libjpeg scales by n/8 while decoding
        Assert.Equal(jpeg.Bitmap.Width * 2, jpeg.Bitmap.Height * 3);

        using var png = ImageDecoder.Decode(TestImages.ColourPhoto(1200, 800, SkiaSharp.SKEncodedImageFormat.Png), ImageLimits.Default, 224);
        Assert.Equal(1200, png.Bitmap.Width);
    }

    [Fact]
    public void Gif_and_bmp_decode()
    {
        // 1×1 GIF89a, global colour table (black, white), one black pixel.
        byte[] gif =
        [
            0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
            0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
            0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
            0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
        ];
        using (var image = ImageDecoder.Decode(gif, ImageLimits.Default, 224))
        {
            Assert.Equal((1, 1), (image.OrientedWidth, image.OrientedHeight));
            Assert.Equal(SkiaSharp.SKColors.Black, image.Bitmap.GetPixel(0, 0));
        }

        // 2×1 24-bit BMP: red then blue (stored B, G, R; row padded to 4 bytes).
        var bmp = new byte[54 + 8];
        "BM"u8.CopyTo(bmp);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 2);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        byte[] pixels = [0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];
        pixels.CopyTo(bmp, 54);
        using (var image = ImageDecoder.Decode(bmp, ImageLimits.Default, 224))
        {
            Assert.Equal(SkiaSharp.SKColors.Red, image.Bitmap.GetPixel(0, 0));
            Assert.Equal(SkiaSharp.SKColors.Blue, image.Bitmap.GetPixel(1, 0));
        }
    }
}
