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

    /// <summary>An embedder whose image is one byte: the row of the table it stands for.</summary>
    private sealed class TableEmbedder(float[][] rows) : IImageEmbedder
    {
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
