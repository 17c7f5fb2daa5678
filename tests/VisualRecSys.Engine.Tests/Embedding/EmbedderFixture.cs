using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Tests.Embedding;

/// <summary>One real embedder (default options, so provider Auto) shared by every test in <see cref="ModelTests"/>.</summary>
public sealed class EmbedderFixture : IDisposable
{
    public EmbedderFixture() => Embedder = new OnnxImageEmbedder(new EmbeddingOptions());

    public OnnxImageEmbedder Embedder { get; }

    public void Dispose() => Embedder.Dispose();
}

/// <summary>Tests that need the model share one session: loading it takes about a second.</summary>
[CollectionDefinition(Name)]
public sealed class ModelTests : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "Model";
}
