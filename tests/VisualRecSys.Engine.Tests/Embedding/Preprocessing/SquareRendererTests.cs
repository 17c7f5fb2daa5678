using SkiaSharp;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Preprocessing;

namespace VisualRecSys.Engine.Tests.Embedding.Preprocessing;

/// <summary>The fast resize keeps what drawing on a Skia canvas with the Mitchell cubic gave, at a fraction of the cost.</summary>
public sealed class SquareRendererTests
{
    private const int Size = ImagePreprocessor.InputSize;

    [Theory]
    [InlineData("sneaker")]
    [InlineData("trouser")]
    [InlineData("colour")]
    public void Enlarging_matches_Skias_Mitchell_cubic_within_one_level(string image)
    {
        var encoded = image == "colour" ? TestImages.ColourPhoto(150, 150, SKEncodedImageFormat.Png) : TestImages.Load(TestImages.Names(image)[0]);

        using var ours = ImagePreprocessor.RenderSquare(encoded, ImageLimits.Default);
        using var skia = SkiaMitchell(encoded);

        var worst = 0;
        var total = 0L;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var a = ours.GetPixel(x, y);
                var b = skia.GetPixel(x, y);
                var d = Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));
                worst = Math.Max(worst, d);
                total += d;
            }
        }

        Assert.True(worst <= 1, $"largest difference {worst} levels");
        Assert.True(total < Size * Size / 10, $"{total} levels in all");
    }

    [Fact]
    public void Greyscale_files_take_the_one_channel_path_and_give_the_same_pixels_as_colour_files()
    {
        var grey = TestImages.Sneaker(1);
        using var decoded = SKBitmap.Decode(grey);
        using var rgb = decoded.Copy(SKColorType.Rgba8888);
        using var rgbImage = SKImage.FromBitmap(rgb);
        var rgbPng = rgbImage.Encode(SKEncodedImageFormat.Png, 100).ToArray();

        var scratch = new PreprocessScratch();
        Assert.Equal(1, ImageDecoder.DecodePixels(grey, ImageLimits.Default, Size, scratch.Pixels).Channels);
        Assert.Equal(4, ImageDecoder.DecodePixels(rgbPng, ImageLimits.Default, Size, scratch.Pixels).Channels);

        var fromGrey = new float[3 * Size * Size];
        var fromRgb = new float[3 * Size * Size];
        SquareRenderer.Render(grey, ImageLimits.Default, Size, ChannelOrder.Rgb, scratch, fromGrey);
        SquareRenderer.Render(rgbPng, ImageLimits.Default, Size, ChannelOrder.Rgb, scratch, fromRgb);
        Assert.Equal(fromRgb, fromGrey);
    }

    [Fact]
    public void Channel_order_and_mean_std_normalisation_are_applied()
    {
        // Pure red: in RGB order plane 0 is 255, in BGR order plane 2 is.
        var red = TestImages.Solid(40, 40, new SKColor(255, 0, 0));
        var format = ModelInputFormat.WithMeanAndStd(32, ChannelOrder.Bgr, PixelRange.Unit, [0.5f, 0.25f, 0.5f], [0.5f, 0.25f, 0.25f]);
        var input = new float[format.InputLength];

        ImagePreprocessor.ToModelInput(red, input, format, ImageLimits.Default);

        var plane = 32 * 32;
        Assert.All(input.AsSpan(0, plane).ToArray(), v => Assert.Equal((0f - 0.5f) / 0.5f, v, 5)); // blue
        Assert.All(input.AsSpan(plane, plane).ToArray(), v => Assert.Equal((0f - 0.25f) / 0.25f, v, 5)); // green
        Assert.All(input.AsSpan(2 * plane, plane).ToArray(), v => Assert.Equal((1f - 0.5f) / 0.25f, v, 5)); // red
    }

    [Fact]
    public void Resample_weights_sum_to_one_and_stay_inside_the_source()
    {
        var axis = new ResampleAxis();
        foreach (var (source, output) in new[] { (28, 224), (224, 224), (1000, 224), (1, 224), (3, 2) })
        {
            axis.Prepare(source, output);
            for (var i = 0; i < output; i++)
            {
                var sum = 0f;
                foreach (var w in axis.Weights(i))
                {
                    sum += w;
                }

                Assert.InRange(sum, 0.9999f, 1.0001f);
                Assert.InRange(axis.Start(i), 0, source - 1);
                Assert.InRange(axis.Start(i) + axis.Count(i), 1, source);
            }
        }
    }

    private static SKBitmap SkiaMitchell(byte[] encoded)
    {
        // What ImagePreprocessor drew before: the decoded image scaled onto a 224 × 224 canvas with the Mitchell cubic.
        using var decoded = SKBitmap.Decode(encoded);
        using var rgba = decoded.Copy(SKColorType.Rgba8888);
        using var image = SKImage.FromBitmap(rgba);
        var square = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(square);
        using var paint = new SKPaint { IsAntialias = true };
        canvas.Clear(SKColors.White);
        canvas.DrawImage(image, SKRect.Create(0, 0, Size, Size), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        return square;
    }
}
