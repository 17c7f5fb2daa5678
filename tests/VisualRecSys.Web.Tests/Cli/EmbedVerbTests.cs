using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>The <c>embed</c> verb end to end, in-process.</summary>
public sealed class EmbedVerbTests
{
    [Fact]
    public async Task Embed_appends_the_products_to_the_models_store_and_refuses_an_unknown_model()
    {
        var root = await EmbeddingHost.CreateCatalogAsync(perCategory: 1);
        try
        {
            var data = Path.Combine(root, "data");
            Assert.NotEqual(0, await CommandLineVerbs.RunAsync(["embed", "--model", "no-such-model", "--data-dir", data]));
            Assert.Equal(0, await CommandLineVerbs.RunAsync(["embed", "--batch", "4", "--data-dir", data]));

            var store = Directory.GetFiles(Path.Combine(data, "embeddings"), "*.vecs").Single();
            var modelId = Path.GetFileNameWithoutExtension(store);
            Assert.Equal(10, EmbeddingStore.TryLoad(Path.Combine(data, "embeddings"), modelId)!.Count);

            // Again: nothing left to embed, nothing appended.
            var length = new FileInfo(store).Length;
            Assert.Equal(0, await CommandLineVerbs.RunAsync(["embed", "--data-dir", data]));
            Assert.Equal(length, new FileInfo(store).Length);
        }
        finally
        {
            EmbeddingHost.Delete(root);
        }
    }
}
