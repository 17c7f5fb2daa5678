using System.Numerics.Tensors;
using SkiaSharp;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Tests.Embedding;

/// <summary>The mirrored view of an image, as heads use it for augmentation and at query time.</summary>
[Collection(ModelTests.Name)]
public sealed class MirroredViewTests(EmbedderFixture fixture)
{
    private readonly OnnxImageEmbedder _embedder = fixture.Embedder;

    [Fact]
    public void The_mirrored_view_is_the_embedding_of_the_mirror_image()
    {
        var image = TestImages.ColourPhoto(300, 200, SKEncodedImageFormat.Png);
        var mirrored = new float[512];
        var ofMirrorImage = new float[512];
        var original = new float[512];

        _embedder.EmbedBatch([image], mirrored, ImageView.Mirrored);
        _embedder.EmbedBatch([MirrorImage(image)], ofMirrorImage, ImageView.Original);
        _embedder.EmbedBatch([image], original, ImageView.Original);

        Assert.True(TensorPrimitives.CosineSimilarity(mirrored, ofMirrorImage) > 0.9999f,
            $"cosine {TensorPrimitives.CosineSimilarity(mirrored, ofMirrorImage)}");
        // An asymmetric photo mirrored is a different input: the view must not be a no-op.
        Assert.True(TensorPrimitives.Distance(mirrored, original) > 10 * TensorPrimitives.Distance(mirrored, ofMirrorImage));
    }

    private static byte[] MirrorImage(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        using var surface = SKSurface.Create(new SKImageInfo(bitmap.Width, bitmap.Height));
        surface.Canvas.Scale(-1, 1, bitmap.Width / 2f, 0);
        surface.Canvas.DrawBitmap(bitmap, 0, 0);
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
