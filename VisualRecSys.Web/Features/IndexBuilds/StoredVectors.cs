using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Models;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>The product embeddings stored per model under <c>embeddings/</c>: what an index build indexes.</summary>
public sealed class StoredVectors(DataPaths paths)
{
    /// <summary>The stored embeddings of <paramref name="modelId"/>.</summary>
    /// <exception cref="InvalidOperationException">There are none.</exception>
    public EmbeddingMatrix Load(string modelId) =>
        EmbeddingStore.TryLoad(paths.Embeddings, modelId)
            ?? throw new InvalidOperationException($"There are no stored embeddings for model '{modelId}'; embed the products with it first (the 'embed' verb, or an import or head job).");

    /// <summary>The stored embeddings of <paramref name="modelId"/>, memory-mapped (nothing but the ids is read).</summary>
    /// <exception cref="InvalidOperationException">There are none.</exception>
    public EmbeddingStoreReader Open(string modelId) =>
        EmbeddingStoreReader.TryOpen(paths.Embeddings, modelId)
            ?? throw new InvalidOperationException($"There are no stored embeddings for model '{modelId}'.");

    /// <summary>When the store of <paramref name="modelId"/> was last written (UTC), or <see cref="DateTime.MaxValue"/> when there is none.</summary>
    public DateTime LastWrittenUtc(string modelId)
    {
        var path = EmbeddingStore.PathFor(paths.Embeddings, modelId);
        return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MaxValue;
    }

    /// <summary>Whether product embeddings of <paramref name="modelId"/> are stored.</summary>
    public bool Has(string modelId) => File.Exists(EmbeddingStore.PathFor(paths.Embeddings, modelId));

    /// <summary>
    /// The ids of the models with an embedding store, ordinal order; stores of mirror images are left out (they are inputs
    /// of heads, not a model's vectors to index or evaluate).
    /// </summary>
    public IReadOnlyList<string> ModelIds()
    {
        if (!Directory.Exists(paths.Embeddings))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(paths.Embeddings, "*" + EmbeddingStore.Extension)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(id => !(ModelId.TryParse(id, out var store) && store.IsMirrored))
            .Order(StringComparer.Ordinal)];
    }
}
