using SkiaSharp;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Preprocessing;
using VisualRecSys.Testing.Images;

namespace VisualRecSys.Engine.Tests.Embedding;

/// <summary>
/// Searching by a region: its text form, its check against the image as displayed, and that it is cut from the
/// upright image, after the EXIF orientation, never from the pixels as the camera stored them.
/// </summary>
public sealed class CropRegionTests
{
    [Theory]
    [InlineData("8,8,32,32", 8, 8, 32, 32)]
    [InlineData(" 0, 4 ,16,  20 ", 0, 4, 16, 20)]
    public void A_region_reads_as_four_whole_numbers(string text, int x, int y, int width, int height)
    {
        Assert.True(CropRegion.TryParse(text, out var region, out var problem), problem);

        Assert.Equal(new CropRegion(x, y, width, height), region);
        Assert.Equal(string.Join(',', x, y, width, height), region.ToString());
    }

    [Theory]
    [InlineData("8,8,32", "not a region: write x,y,w,h")]
    [InlineData("8,8,32,32,1", "not a region")]
    [InlineData("-1,0,32,32", "not a region")]
    [InlineData("1.5,0,32,32", "not a region")]
    [InlineData("", "not a region")]
    [InlineData("0,0,15,32", "is 15×32 pixels; choose at least 16×16")]
    [InlineData("0,0,32,8", "is 32×8 pixels; choose at least 16×16")]
    public void Text_that_is_no_region_is_refused_saying_what_to_write(string text, string expected)
    {
        Assert.False(CropRegion.TryParse(text, out _, out var problem));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_fits_an_image_only_when_it_lies_wholly_inside()
    {
        Assert.True(new CropRegion(8, 8, 32, 32).FitsIn(64, 64));
        Assert.True(new CropRegion(32, 32, 32, 32).FitsIn(64, 64));
        Assert.False(new CropRegion(60, 60, 32, 32).FitsIn(64, 64));
        Assert.False(new CropRegion(int.MaxValue, 0, 16, 16).FitsIn(64, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CropRegion(0, 0, 15, 16));
        Assert.Throws<InvalidOperationException>(() => default(CropRegion).ThrowIfOutside(64, 64));
    }

    [Fact]
    public void The_region_is_cut_from_the_upright_image_after_its_exif_orientation()
    {
        // Stored 80×40 with red top left; EXIF 6 shows it 40×80 with that red quadrant at the top right (20..40, 0..40).
        var jpeg = Quadrants(80, 40, orientation: 6);

        using var square = ImagePreprocessor.RenderSquare(jpeg, ImageLimits.Default, new CropRegion(20, 0, 20, 40));

        // The region alone, letterboxed with its own border colour: red everywhere. Cut from the stored pixels instead,
        // the same numbers would take half of the stored red and half of the stored green quadrant.
        // Points away from the region's edges, where the JPEG's halved colour resolution blends in the neighbour.
        foreach (var (x, y) in new[] { (112, 20), (112, 112), (84, 60), (140, 200), (10, 112), (214, 112) })
        {
            var pixel = square.GetPixel(x, y);
            Assert.True(pixel.Red > 180 && pixel.Green < 80 && pixel.Blue < 80, $"({x}, {y}) should be red, was {pixel}");
        }
    }

    [Fact]
    public void A_region_inside_the_stored_pixels_but_outside_the_upright_image_is_refused_before_decoding()
    {
        // 80 wide as stored, 40 wide as displayed: x 50..70 exists only in the stored pixels.
        var jpeg = Quadrants(80, 40, orientation: 6);

        var error = Assert.Throws<CropOutsideImageException>(() =>
            ImagePreprocessor.RenderSquare(jpeg, ImageLimits.Default, new CropRegion(50, 0, 20, 20)));

        Assert.Equal((40, 80), (error.ImageWidth, error.ImageHeight));
        Assert.Contains("outside the image of 40×80 pixels (as displayed, after its EXIF orientation)", error.Message, StringComparison.Ordinal);
        Assert.Equal((40, 80), ImagePreprocessor.OrientedSize(jpeg, ImageLimits.Default));
    }

    [Fact]
    public void A_region_of_a_photo_reduced_while_decoding_is_the_same_region_of_the_whole_decode()
    {
        // 4000×2000 decodes at 1/8 for a 224 input; the region's numbers are in the full photo's pixels all the same.
        var jpeg = Quadrants(4000, 2000, orientation: 1);
        var region = new CropRegion(1900, 900, 200, 200);

        var reduced = Render(jpeg, region, reduce: true);
        var whole = Render(jpeg, region, reduce: false);

        // The region straddles the four quadrants' corner: each colour fills a quarter of the square either way.
        var largest = 0f;
        for (var i = 0; i < whole.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(reduced[i] - whole[i]));
        }

        var mean = whole.Zip(reduced, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(mean < 3, $"mean difference {mean} (largest {largest})");
    }

    private static float[] Render(byte[] image, CropRegion region, bool reduce)
    {
        const int Size = ImagePreprocessor.InputSize;
        var planes = new float[3 * Size * Size];
        SquareRenderer.Render(image, ImageLimits.Default, Size, ChannelOrder.Rgb, new PreprocessScratch(), planes, reduce, region);
        return planes;
    }

    /// <summary>A JPEG stored with quadrants red (top left), blue (top right), green (bottom left), yellow (bottom right).</summary>
    private static byte[] Quadrants(int width, int height, ushort orientation)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            (SKColor Colour, float X, float Y)[] quadrants =
                [(SKColors.Red, 0, 0), (SKColors.Blue, width / 2f, 0), (SKColors.Lime, 0, height / 2f), (SKColors.Yellow, width / 2f, height / 2f)];
            foreach (var (colour, x, y) in quadrants)
            {
                using var paint = new SKPaint { Color = colour };
                canvas.DrawRect(x, y, width / 2f, height / 2f, paint);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 95);
        return orientation == 1 ? data.ToArray() : HostileImages.WithExifOrientation(data.ToArray(), orientation);
    }
}
