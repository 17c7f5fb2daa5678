using SkiaSharp;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Testing.Images;

namespace VisualRecSys.Engine.Tests.Robustness;

/// <summary>
/// Images that are valid but unusual decode to the pixels a person sees; the upload tests in Web check the same
/// files through HTTP. (Truncated, empty, bomb and oversized files are refused in <see cref="ImageValidationTests"/>.)
/// </summary>
public sealed class HostileImageDecodingTests
{
    private static SKColor PixelAt(byte[] encoded, int x, int y)
    {
        using var image = ImageDecoder.Decode(encoded, ImageLimits.Default, 0);
        return image.Bitmap.GetPixel(x, y);
    }

    private static void AssertClose(SKColor expected, SKColor actual, int tolerance)
    {
        Assert.True(Math.Abs(expected.Red - actual.Red) <= tolerance && Math.Abs(expected.Green - actual.Green) <= tolerance
            && Math.Abs(expected.Blue - actual.Blue) <= tolerance, $"expected about {expected}, got {actual}");
    }

    [Fact]
    public void A_cmyk_jpeg_decodes_to_its_colours_not_their_inverse()
    {
        var cmyk = HostileImages.CmykJpeg();

        // Reference values: ImageMagick's conversion of the same file to sRGB (see tests/Shared/Images/README.md).
        AssertClose(new SKColor(220, 21, 60), PixelAt(cmyk, 34, 32), tolerance: 40);
        AssertClose(new SKColor(46, 139, 87), PixelAt(cmyk, 70, 30), tolerance: 40);
    }

    [Fact]
    public void A_16_bit_rgb_png_decodes_to_8_bit_colours()
    {
        var png = HostileImages.Png16Bit(40, 20, colour: true);

        Assert.Equal(new SKColor(255, 0, 0), PixelAt(png, 5, 10));
        Assert.Equal(new SKColor(0, 0, 255), PixelAt(png, 35, 10));
    }

    [Fact]
    public void A_16_bit_greyscale_png_is_preprocessed_like_its_8_bit_equivalent()
    {
        var deep = HostileImages.Png16Bit(64, 64, colour: false);
        using var image = ImageDecoder.Decode(deep, ImageLimits.Default, 0);
        Assert.Equal(SKColors.Black, image.Bitmap.GetPixel(0, 0));
        Assert.Equal(SKColors.White, image.Bitmap.GetPixel(63, 0));

        // The model input path (one byte per pixel for 8-bit grey files) must see the same ramp as from an 8-bit file.
        using var shallow = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Gray8, SKAlphaType.Opaque));
        for (var x = 0; x < 64; x++)
        {
            for (var y = 0; y < 64; y++)
            {
                var grey = (byte)Math.Round(x * 255.0 / 63);
                shallow.SetPixel(x, y, new SKColor(grey, grey, grey));
            }
        }

        using var shallowImage = SKImage.FromBitmap(shallow);
        using var shallowPng = shallowImage.Encode(SKEncodedImageFormat.Png, 100);
        var format = ModelInputFormat.WithMeanAndStd(32, ChannelOrder.Rgb, PixelRange.Byte, [0, 0, 0], [1, 1, 1]);
        var fromDeep = new float[format.InputLength];
        var fromShallow = new float[format.InputLength];
        ImagePreprocessor.ToModelInput(deep, fromDeep, format, ImageLimits.Default);
        ImagePreprocessor.ToModelInput(shallowPng.ToArray(), fromShallow, format, ImageLimits.Default);
        Assert.All(fromDeep.Zip(fromShallow), pair => Assert.Equal(pair.Second, pair.First, 1f));
    }

    [Fact]
    public void An_animated_gif_is_embedded_by_its_first_frame()
    {
        // Decision: the first frame is the picture (what a page shows before any animation, and what shops upload as a
        // still); later frames are ignored rather than refused.
        var animated = HostileImages.Gif(16, 12, (200, 30, 30), (30, 30, 200), (30, 200, 30));
        var firstFrame = HostileImages.Gif(16, 12, (200, 30, 30));

        Assert.Equal(new SKColor(200, 30, 30), PixelAt(animated, 8, 6));
        var format = ModelInputFormat.WithMeanAndStd(32, ChannelOrder.Rgb, PixelRange.Unit, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]);
        var fromAnimated = new float[format.InputLength];
        var fromStill = new float[format.InputLength];
        ImagePreprocessor.ToModelInput(animated, fromAnimated, format, ImageLimits.Default);
        ImagePreprocessor.ToModelInput(firstFrame, fromStill, format, ImageLimits.Default);
        Assert.Equal(fromStill, fromAnimated);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void An_exif_rotated_photo_is_preprocessed_upright(ushort orientation)
    {
        // Stored sideways (a phone held upright writes landscape pixels and an orientation tag): 20 wide, 40 high upright.
        var stored = TestImages.ColourPhoto(40, 20, SKEncodedImageFormat.Jpeg);
        using var image = ImageDecoder.Decode(HostileImages.WithExifOrientation(stored, orientation), ImageLimits.Default, 0);

        Assert.Equal((20, 40), (image.OrientedWidth, image.OrientedHeight));
    }
}
