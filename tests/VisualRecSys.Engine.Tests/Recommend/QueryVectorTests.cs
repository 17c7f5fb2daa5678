using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Recommend;

namespace VisualRecSys.Engine.Tests.Recommend;

/// <summary>The vector an upload search asks with: one image's embedding, or the centroid of an outfit's.</summary>
public sealed class QueryVectorTests
{
    [Fact]
    public void One_image_asks_with_its_unit_length_embedding()
    {
        var embedder = new TableEmbedder(new float[][] { [3, 4, 0] });

        var query = QueryVector.Of(embedder, [new byte[] { 0 }]);

        Assert.Equal([0.6f, 0.8f, 0f], query, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void An_outfit_asks_with_the_mean_of_its_unit_length_embeddings()
    {
        // The second image's vector is ten times longer: it must not outweigh the first.
        var embedder = new TableEmbedder(new float[][] { [1, 0, 0], [0, 10, 0] });

        var query = QueryVector.Of(embedder, [new byte[] { 0 }, new byte[] { 1 }]);

        Assert.Equal([0.5f, 0.5f, 0f], query, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void A_zero_embedding_adds_nothing_to_the_direction_but_counts_in_the_mean()
    {
        var embedder = new TableEmbedder(new float[][] { [0, 2, 0], [0, 0, 0] });

        var query = QueryVector.Of(embedder, [new byte[] { 0 }, new byte[] { 1 }]);

        Assert.Equal([0f, 0.5f, 0f], query, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void A_bad_image_of_several_is_named_by_its_place()
    {
        var embedder = new TableEmbedder(new float[][] { [1, 0, 0] });

        var one = Assert.Throws<InvalidImageException>(() => QueryVector.Of(embedder, [new byte[] { 9 }]));
        var several = Assert.Throws<InvalidImageException>(() => QueryVector.Of(embedder, [new byte[] { 0 }, new byte[] { 9 }]));

        Assert.Equal("no image 9", one.Message);
        Assert.Equal("Image 2 of 2: no image 9", several.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => QueryVector.Of(embedder, []));
    }

    [Fact]
    public void An_outfit_gives_each_piece_the_vector_a_search_by_it_alone_asks_with_and_their_mean()
    {
        var embedder = new TableEmbedder(new float[][] { [3, 4, 0], [0, 0, 2], [0, 0, 0] });
        byte[] a = [0], b = [1], zero = [2];

        var outfit = QueryVector.Outfit(embedder, [new QueryImage(a), new QueryImage(b), new QueryImage(zero)]);

        Assert.Equal(3, outfit.Pieces.Count);
        Assert.Equal(QueryVector.Of(embedder, [a]), outfit.Pieces[0]);
        Assert.Equal(QueryVector.Of(embedder, [b]), outfit.Pieces[1]);
        Assert.Equal(QueryVector.Of(embedder, [zero]), outfit.Pieces[2]);
        Assert.Equal(QueryVector.Of(embedder, [a, b, zero]), outfit.Centroid);
        Assert.Equal([0.2f, 0.8f / 3, 1f / 3], outfit.Centroid, (x, y) => Math.Abs(x - y) < 1e-6f);
    }

    [Fact]
    public void A_region_is_embedded_as_the_region_and_one_outside_its_image_is_named_by_its_place()
    {
        // The table's "region" rows: a crop at x = n embeds row n instead of the image's own.
        var embedder = new TableEmbedder(new float[][] { [1, 0, 0], [0, 1, 0] });

        var cropped = QueryVector.Outfit(embedder, [new QueryImage(new byte[] { 0 }, new CropRegion(1, 0, 16, 16))]);
        var outside = Assert.Throws<CropOutsideImageException>(() => QueryVector.Outfit(embedder,
            [new QueryImage(new byte[] { 0 }), new QueryImage(new byte[] { 1 }, new CropRegion(50, 0, 16, 16))]));

        Assert.Equal([0f, 1f, 0f], cropped.Pieces[0]);
        Assert.StartsWith("Image 2 of 2: The region 50,0,16,16 (x,y,w,h) reaches to (66, 16), outside the image of 32×32 pixels", outside.Message);
    }

    /// <summary>An embedder whose image is one byte: the row of the table it stands for; its images are 32 × 32.</summary>
    private sealed class TableEmbedder(float[][] rows) : IImageEmbedder
    {
        public void Embed(ReadOnlySpan<byte> encodedImage, CropRegion region, Span<float> destination)
        {
            region.ThrowIfOutside(32, 32);
            Embed([(byte)region.X], destination);
        }

        public string ModelId => "table";

        public int Dimension => 3;

        public ExecutionProviderInfo Provider => new(ExecutionProviderInfo.CpuName, "test");

        public void Embed(ReadOnlySpan<byte> encodedImage, Span<float> destination)
        {
            var row = encodedImage[0];
            if (row >= rows.Length)
            {
                throw new InvalidImageException($"no image {row}");
            }

            rows[row].CopyTo(destination);
        }

        public void EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, Span<float> destination)
        {
            for (var i = 0; i < encodedImages.Count; i++)
            {
                Embed(encodedImages[i].Span, destination.Slice(i * Dimension, Dimension));
            }
        }
    }
}
