using VisualRecSys.Engine.Explain;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Engine.Tests.Embedding;

namespace VisualRecSys.Engine.Tests.Explain;

[Collection(ModelTests.Name)]
public sealed class PixelModelTests(EmbedderFixture fixture)
{
    [Fact]
    public void A_rendered_square_embeds_to_the_vector_the_embedder_gives_the_image()
    {
        var model = PixelModels.For(fixture.Embedder);
        var image = TestImages.Sneaker(0);
        var square = new float[3 * model.InputSize * model.InputSize];
        var viaSquare = new float[model.Dimension];
        var direct = new float[fixture.Embedder.Dimension];

        model.Render(image, square);
        model.Embed(square, 1, viaSquare);
        fixture.Embedder.Embed(image, direct);

        Assert.Equal(fixture.Embedder.ModelId, model.ModelId);
        for (var i = 0; i < direct.Length; i++)
        {
            Assert.Equal(direct[i], viaSquare[i], 4);
        }
    }

    [Fact]
    public void Masking_cells_of_real_images_costs_likeness_on_both_sides()
    {
        var model = PixelModels.For(fixture.Embedder);

        var why = OcclusionSensitivity.Explain(model, TestImages.Sneaker(0), TestImages.Sneaker(1), grid: 7);

        Assert.InRange(why.Cosine, 0.5f, 1f);
        Assert.True(why.Query.Peak > 0.005f, $"no cell of the query carried likeness (peak {why.Query.Peak})");
        Assert.True(why.Result.Peak > 0.005f, $"no cell of the result carried likeness (peak {why.Result.Peak})");
    }

    [Fact]
    public void A_vectors_only_model_is_refused_with_the_reason()
    {
        Assert.Throws<NoImagePipelineException>(() => PixelModels.For(new VectorsOnlyEmbedder("imported-1", 8)));
    }
}
