using SkiaSharp;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Engine.Tests.Evaluation.Instance;

/// <summary>Each edit on a real Fashion-MNIST image and on a colour photo: deterministic for a seed, a valid image of the expected size.</summary>
public sealed class ImageEditsTests
{
    private static readonly ImageLimits s_limits = ImageLimits.Default;

    public static TheoryData<ImageEditKind> AllKinds() => [.. Enum.GetValues<ImageEditKind>()];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(ImageEditKind kind)
    {
        var source = TestImages.ColourPhoto(60, 40);

        var first = ImageEdits.Apply(source, kind, 7, s_limits);
        var again = ImageEdits.Apply(source, kind, 7, s_limits);
        var other = ImageEdits.Apply(source, kind, 8, s_limits);

        Assert.Equal(first.Encoded, again.Encoded);
        Assert.Equal(first.Description, again.Description);
        if (kind != ImageEditKind.Greyscale)
        {
            // Greyscale has no parameter; every other kind draws some from the seed.
            Assert.NotEqual(first.Encoded, other.Encoded);
            Assert.NotEqual(first.Description, other.Description);
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Each_edit_decodes_to_the_size_it_reports_and_changes_the_image(ImageEditKind kind)
    {
        var source = TestImages.ColourPhoto(60, 40, SKEncodedImageFormat.Png);

        for (var seed = 0; seed < 20; seed++)
        {
            var edited = ImageEdits.Apply(source, kind, seed, s_limits);

            using var bitmap = SKBitmap.Decode(edited.Encoded);
            Assert.NotNull(bitmap);
            Assert.Equal((edited.Width, edited.Height), (bitmap.Width, bitmap.Height));
            var (low, high) = ExpectedScale(kind);
            var scale = (double)edited.Width / 60;
            Assert.InRange(scale, low, high);
            Assert.InRange((double)edited.Height / 40, low - 0.05, high + 0.05);
            Assert.Equal(kind is ImageEditKind.Jpeg or ImageEditKind.Rephotograph ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, Format(edited.Encoded));
            Assert.NotEqual(Pixels(source), Pixels(edited.Encoded));
        }
    }

    [Fact]
    public void Edits_of_a_grey_catalog_image_stay_grey_and_colour_edits_are_for_colour_images_only()
    {
        var sneaker = TestImages.Sneaker(0);

        Assert.True(ImageEdits.IsGrey(sneaker, s_limits));
        Assert.False(ImageEdits.IsGrey(TestImages.ColourPhoto(60, 40, SKEncodedImageFormat.Png), s_limits));
        Assert.DoesNotContain(ImageEditKind.ColourCast, ImageEditKinds.ForGrey);
        Assert.DoesNotContain(ImageEditKind.Greyscale, ImageEditKinds.ForGrey);
        foreach (var kind in ImageEditKinds.ForGrey.Where(k => k is not (ImageEditKind.Jpeg or ImageEditKind.Rephotograph)))
        {
            Assert.True(ImageEdits.IsGrey(ImageEdits.Apply(sneaker, kind, 3, s_limits).Encoded, s_limits), $"{kind} coloured a grey image");
        }
    }

    [Fact]
    public void A_small_image_is_enlarged_three_to_eight_times_and_rephotographed_four_to_eight_times()
    {
        var sneaker = TestImages.Sneaker(1);

        for (var seed = 0; seed < 20; seed++)
        {
            Assert.InRange(ImageEdits.Apply(sneaker, ImageEditKind.Enlarge, seed, s_limits).Width, 3 * 28, 8 * 28);
            Assert.InRange(ImageEdits.Apply(sneaker, ImageEditKind.Rephotograph, seed, s_limits).Width, 4 * 28, 8 * 28);
        }
    }

    [Fact]
    public void The_EXIF_orientation_is_applied_before_editing()
    {
        // Orientation 6 (RightTop) shows the stored 40 × 20 image turned a quarter: 20 wide, 40 high.
        var rotated = TestImages.QuadrantJpegWithOrientation(6);

        var edited = ImageEdits.Apply(rotated, ImageEditKind.Tone, 1, s_limits);

        Assert.Equal((20, 40), (edited.Width, edited.Height));
    }

    [Fact]
    public void Bytes_that_are_no_image_are_refused_as_an_invalid_image()
    {
        Assert.Throws<InvalidImageException>(() => ImageEdits.Apply("not an image"u8, ImageEditKind.Blur, 1, s_limits));
    }

    [Fact]
    public void Every_kind_has_a_name_that_parses_back()
    {
        foreach (var kind in Enum.GetValues<ImageEditKind>())
        {
            Assert.Equal(kind, ImageEditKinds.Parse(kind.Name()));
        }

        Assert.Null(ImageEditKinds.Parse("sepia"));
    }

    private static (double Low, double High) ExpectedScale(ImageEditKind kind) => kind switch
    {
        ImageEditKind.Scale => (0.7 - 0.02, 1.5 + 0.02),
        ImageEditKind.Padding => (1.16 - 0.02, 1.5 + 0.02),
        // 60 px: 3–8 × is capped only at 1,024 px, which 60 × 8 does not reach.
        ImageEditKind.Enlarge => (3 - 0.02, 8 + 0.02),
        ImageEditKind.Rephotograph => (4 - 0.02, 8 + 0.02),
        _ => (1, 1),
    };

    private static SKEncodedImageFormat Format(byte[] encoded)
    {
        using var codec = SKCodec.Create(new MemoryStream(encoded));
        return codec.EncodedFormat;
    }

    private static byte[] Pixels(byte[] encoded)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        using var resized = bitmap.Resize(new SKImageInfo(32, 32, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear));
        return resized.Bytes;
    }
}
