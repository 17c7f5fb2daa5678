using System.Numerics.Tensors;
using SkiaSharp;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Preprocessing;

namespace VisualRecSys.Engine.Tests.Embedding;

/// <summary>
/// What decoding an upload costs in memory: the footprint read from the header (what the web app budgets), large
/// buffers that are freed rather than pooled, and the reduced decode of large JPEGs, which must see what the whole
/// decode sees.
/// </summary>
[Collection(ModelTests.Name)]
public sealed class DecodeMemoryTests(EmbedderFixture fixture)
{
    private const int Size = ImagePreprocessor.InputSize;

    [Fact]
    public void The_footprint_is_the_decoded_size_reduced_for_jpeg_and_whole_for_png()
    {
        var jpeg = TestImages.ColourPhoto(4000, 3000);
        Assert.Equal(500L * 375, ImagePreprocessor.DecodeFootprint(jpeg, ImageLimits.Default));

        var png = TestImages.ColourPhoto(1500, 1000, SKEncodedImageFormat.Png);
        Assert.Equal(1500L * 1000, ImagePreprocessor.DecodeFootprint(png, ImageLimits.Default));
    }

    [Fact]
    public void The_footprint_refuses_what_decoding_refuses_from_the_header_alone()
    {
        Assert.Throws<InvalidImageException>(() => ImagePreprocessor.DecodeFootprint([1, 2, 3, 4], ImageLimits.Default));
        var bomb = TestImages.PngClaiming(10_000, 10_000);
        var e = Assert.Throws<InvalidImageException>(() => ImagePreprocessor.DecodeFootprint(bomb, ImageLimits.Default));
        Assert.Contains("pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_buffer_over_the_retain_limit_is_native_and_freed_and_one_under_it_is_kept()
    {
        var buffer = new PixelBuffer<float>(1000);
        var small = buffer.Get(800);
        small.Fill(1f);
        buffer.Release();
        Assert.Equal(800, buffer.Get(800).Length);
        Assert.Equal(1f, buffer.Current[799]);

        var large = buffer.Get(5_000_000);
        large.Fill(2f);
        Assert.Equal(2f, buffer.Current[4_999_999]);
        buffer.Release();
        Assert.Equal(0, buffer.Current.Length);
    }

    [Fact]
    public void A_large_jpeg_decoded_reduced_gives_the_embedding_of_the_whole_decode_within_tolerance()
    {
        // 24 MP decoded at 1/8 (750 × 500, 1.5 MB) rather than whole (96 MB): the Mitchell resize to 224 averages
        // either way, so the two inputs differ by a level or so and the embeddings barely.
        var jpeg = TestImages.ColourPhoto(6000, 4000);
        var embedder = fixture.Embedder;
        var reduced = Embed(jpeg, reduce: true);
        var whole = Embed(jpeg, reduce: false);
        var cosine = TensorPrimitives.CosineSimilarity(reduced, whole);
        Assert.True(cosine > 0.999f, $"cosine {cosine}");

        var direct = new float[embedder.Dimension];
        embedder.Embed(jpeg, direct);
        Assert.Equal(reduced, direct);

        float[] Embed(byte[] image, bool reduce)
        {
            var planes = new float[3 * Size * Size];
            SquareRenderer.Render(image, ImageLimits.Default, Size, ChannelOrder.Bgr, new PreprocessScratch(), planes, reduce);
            embedder.InputFormat.Normalize(planes);
            var vector = new float[embedder.Dimension];
            embedder.EmbedPreprocessed(planes, 1, vector);
            return vector;
        }
    }
}
