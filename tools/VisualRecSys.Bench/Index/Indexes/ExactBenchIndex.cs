using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Index.Indexes;

/// <summary>Brute-force search as a benchmark baseline (recall 1 by construction); its "file" is the stored embeddings.</summary>
internal sealed class ExactBenchIndex(EmbeddingMatrix matrix, DistanceMetric metric) : IBenchIndex
{
    private readonly ExactIndex _index = new(matrix, metric);

    public int Search(ReadOnlySpan<float> query, int k, int searchK, Span<SearchHit> destination) =>
        _index.Search(query, k, destination, SearchFilter.None);

    public long SaveAndMeasureBytes(string path)
    {
        // Exact search needs nothing but the vectors and ids, which EmbeddingStore writes as two files.
        EmbeddingStore.Save(matrix, path);
        return Directory.EnumerateFiles(path).Sum(f => new FileInfo(f).Length);
    }

    public void Dispose()
    {
    }

    public sealed class Builder : IBenchIndexBuilder
    {
        public string Name => "exact";

        public bool HasParameters => false;

        public IBenchIndex Build(EmbeddingMatrix matrix, DistanceMetric metric, int trees, int seed) => new ExactBenchIndex(matrix, metric);
    }
}
