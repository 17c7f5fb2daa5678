using Microsoft.ML.OnnxRuntime;
using SkiaSharp;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Tests.Embedding;

public sealed class PreprocessingTests
{
    private const int Plane = ImagePreprocessor.InputSize * ImagePreprocessor.InputSize;
    private static readonly MeanImage s_mean = MeanImage.Load(ModelFiles.Locate().PreprocessPath);

    [Fact]
    public void Csharp_preprocessing_equals_ResNetPreprocess_onnx()
    {
        using var session = new InferenceSession(ModelFiles.Locate().PreprocessPath);
        using var runOptions = new RunOptions();

        // Colour images matter: a greyscale one would not notice a wrong RGB→BGR order.
        var random = new Random(1234);
        var noise = new byte[Plane * 4];
        random.NextBytes(noise);
        for (var i = 3; i < noise.Length; i += 4)
        {
            noise[i] = 255;
        }

        byte[][] inputs =
        [
            noise,
            RenderedPixels(TestImages.ColourPhoto(300, 200)),
            RenderedPixels(TestImages.Sneaker(0)),
        ];

        foreach (var rgba in inputs)
        {
            var expected = RunPreprocessModel(session, runOptions, rgba);
            var actual = new float[ImagePreprocessor.InputLength];
            ImagePreprocessor.PixelsToModelInput(rgba, ModelInputFormat.ResNet18(s_mean), actual);

            var worst = 0f;
            for (var i = 0; i < actual.Length; i++)
            {
                worst = MathF.Max(worst, MathF.Abs(expected[i] - actual[i]));
            }

            Assert.True(worst < 1e-4f, $"max abs difference {worst}");
        }
    }

    [Fact]
    public void ToModelInput_is_rendering_then_conversion()
    {
        var image = TestImages.ColourPhoto(200, 300);
        var direct = new float[ImagePreprocessor.InputLength];
        ImagePreprocessor.ToModelInput(image, direct, s_mean, ImageLimits.Default);

        var twoStep = new float[ImagePreprocessor.InputLength];
        ImagePreprocessor.PixelsToModelInput(RenderedPixels(image), ModelInputFormat.ResNet18(s_mean), twoStep);

        Assert.Equal(twoStep, direct);
    }

    [Fact]
    public void Mean_image_has_the_expected_shape_and_range()
    {
        Assert.Equal(3 * 224 * 224, s_mean.Bgr.Length);
        foreach (var value in s_mean.Bgr)
        {
            Assert.InRange(value, 50f, 200f);
        }
    }

    [Fact]
    public void Letterbox_padding_uses_the_border_colour()
    {
        // A 200×100 image: orange everywhere except a black block in the middle.
        var orange = new SKColor(200, 100, 50);
        using var square = ImagePreprocessor.RenderSquare(TestImages.Solid(200, 100, orange, SKColors.Black), ImageLimits.Default);

        // The image covers rows 56..168; above and below is padding, which must continue the orange background.
        foreach (var (x, y) in new[] { (0, 0), (112, 20), (223, 223), (5, 200) })
        {
            AssertColour(orange, square.GetPixel(x, y), 2);
        }

        AssertColour(SKColors.Black, square.GetPixel(112, 112), 8);
    }

    [Fact]
    public void Transparent_pixels_become_white()
    {
        var png = TestImages.TransparentPng(50, 50, _ => { });
        using var square = ImagePreprocessor.RenderSquare(png, ImageLimits.Default);

        foreach (var (x, y) in new[] { (0, 0), (112, 112), (223, 0), (50, 200) })
        {
            AssertColour(SKColors.White, square.GetPixel(x, y), 0);
        }
    }

    [Theory]
    // Where the stored top-left (red) and top-right (blue) corners must appear, from the EXIF definitions,
    // e.g. 6: "the 0th row is the visual right-hand side, the 0th column is the visual top".
    [InlineData(1, "TL", "TR")]
    [InlineData(2, "TR", "TL")]
    [InlineData(3, "BR", "BL")]
    [InlineData(4, "BL", "BR")]
    [InlineData(5, "TL", "BL")]
    [InlineData(6, "TR", "BR")]
    [InlineData(7, "BR", "TR")]
    [InlineData(8, "BL", "TL")]
    public void Exif_orientation_is_applied(ushort orientation, string redCorner, string blueCorner)
    {
        using var square = ImagePreprocessor.RenderSquare(TestImages.QuadrantJpegWithOrientation(orientation), ImageLimits.Default);

        // Stored 40×20; orientations 5–8 display it 20×40. Sample the centre of each displayed quadrant.
        var tall = orientation >= 5;
        var (left, right, top, bottom) = tall ? (84, 140, 56, 168) : (56, 168, 84, 140);
        SKColor At(string corner) => square.GetPixel(corner[1] == 'L' ? left : right, corner[0] == 'T' ? top : bottom);

        var red = At(redCorner);
        var blue = At(blueCorner);
        Assert.True(red.Red > 200 && red.Green < 60 && red.Blue < 60, $"{redCorner} should be red, was {red}");
        Assert.True(blue.Blue > 200 && blue.Red < 60 && blue.Green < 60, $"{blueCorner} should be blue, was {blue}");

        // Padding outside the displayed image (left/right of a tall one, above/below a wide one).
        var padding = tall ? square.GetPixel(10, 112) : square.GetPixel(112, 10);
        Assert.False(padding.Red > 200 && padding.Green < 60, "padding must not be image content");
    }

    [Fact]
    public void Large_downscale_averages_instead_of_aliasing()
    {
        // A one-pixel checkerboard: any sampling that skips pixels turns it into black/white patterns.
        const int Size = 1000;
        var pixels = new byte[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                pixels[(y * Size) + x] = (byte)(((x + y) & 1) == 0 ? 0 : 255);
            }
        }

        using var square = ImagePreprocessor.RenderSquare(ImagePreprocessor.EncodePng(pixels, Size, Size), ImageLimits.Default);

        var worst = 0;
        for (var y = 0; y < 224; y += 7)
        {
            for (var x = 0; x < 224; x += 7)
            {
                worst = Math.Max(worst, Math.Abs(square.GetPixel(x, y).Red - 128));
            }
        }

        Assert.True(worst < 30, $"pixel deviates {worst} from mid-grey");
    }

    [Fact]
    public void EncodePng_round_trips_greyscale_pixels()
    {
        var pixels = new byte[28 * 20];
        new Random(7).NextBytes(pixels);

        var png = ImagePreprocessor.EncodePng(pixels, 28, 20);

        using var decoded = SKBitmap.Decode(png);
        Assert.Equal(28, decoded.Width);
        Assert.Equal(20, decoded.Height);
        for (var y = 0; y < 20; y++)
        {
            for (var x = 0; x < 28; x++)
            {
                Assert.Equal(pixels[(y * 28) + x], decoded.GetPixel(x, y).Red);
            }
        }

        Assert.Throws<ArgumentException>(() => ImagePreprocessor.EncodePng(pixels, 28, 21));
    }

    [Theory]
    [InlineData(300, 200, 150, 150, 100)]
    [InlineData(200, 300, 60, 40, 60)]
    [InlineData(28, 28, 128, 112, 112)] // enlarged by a whole factor (4)
    [InlineData(100, 50, 150, 100, 50)] // less than twice as small: kept
    public void Thumbnail_fits_inside_the_square(int width, int height, int size, int expectedWidth, int expectedHeight)
    {
        var thumbnail = ImagePreprocessor.Thumbnail(TestImages.ColourPhoto(width, height, SKEncodedImageFormat.Png), size);

        using var decoded = SKBitmap.Decode(thumbnail);
        Assert.Equal((expectedWidth, expectedHeight), (decoded.Width, decoded.Height));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], thumbnail[..4]);
    }

    [Fact]
    public void Small_images_are_enlarged_into_sharp_blocks_of_their_pixels()
    {
        var source = TestImages.Sneaker(0);
        using var original = SKBitmap.Decode(source);
        using var enlarged = SKBitmap.Decode(ImagePreprocessor.Thumbnail(source, 256));

        var factor = 256 / original.Width;
        Assert.Equal(original.Width * factor, enlarged.Width);
        for (var y = 0; y < original.Height; y += 3)
        {
            for (var x = 0; x < original.Width; x += 3)
            {
                var expected = original.GetPixel(x, y).Red;
                Assert.Equal(expected, enlarged.GetPixel((x * factor) + (factor / 2), (y * factor) + (factor / 2)).Red);
                Assert.Equal(expected, enlarged.GetPixel(x * factor, y * factor).Red);
            }
        }
    }

    [Fact]
    public void Thumbnail_applies_orientation_and_limits()
    {
        using var decoded = SKBitmap.Decode(ImagePreprocessor.Thumbnail(TestImages.QuadrantJpegWithOrientation(6), 100));
        Assert.Equal((40, 80), (decoded.Width, decoded.Height));

        Assert.Throws<InvalidImageException>(() => ImagePreprocessor.Thumbnail(TestImages.PngClaiming(100_000, 100_000), 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImagePreprocessor.Thumbnail(TestImages.Sneaker(0), 0));
    }

    private static byte[] RenderedPixels(byte[] encoded)
    {
        using var square = ImagePreprocessor.RenderSquare(encoded, ImageLimits.Default);
        return square.GetPixelSpan().ToArray();
    }

    private static float[] RunPreprocessModel(InferenceSession session, RunOptions runOptions, byte[] rgba)
    {
        // The ONNX graph takes planar RGB in 0..255.
        var input = new float[ImagePreprocessor.InputLength];
        for (var p = 0; p < Plane; p++)
        {
            input[p] = rgba[p * 4];
            input[Plane + p] = rgba[(p * 4) + 1];
            input[(2 * Plane) + p] = rgba[(p * 4) + 2];
        }

        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, 224, 224]);
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [value], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static void AssertColour(SKColor expected, SKColor actual, int tolerance)
    {
        Assert.True(
            Math.Abs(expected.Red - actual.Red) <= tolerance
            && Math.Abs(expected.Green - actual.Green) <= tolerance
            && Math.Abs(expected.Blue - actual.Blue) <= tolerance,
            $"expected {expected}, was {actual}");
    }
}
