using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Index.Indexes;

/// <summary>
/// The Annoy-style <see cref="ForestIndex"/>. After saving, searches run on the memory-mapped file, as the app
/// serves it, not on the in-memory build.
/// </summary>
internal sealed class ForestBenchIndex(ForestIndex index) : IBenchIndex
{
    private ForestIndex _index = index;

    public int Search(ReadOnlySpan<float> query, int k, int searchK, Span<SearchHit> destination) =>
        _index.Search(query, k, searchK, destination, SearchFilter.None);

    public long SaveAndMeasureBytes(string path)
    {
        _index.Save(path);

        // Let the in-memory build go before mapping the file, as the app does after a restart: holding both would
        // count the vectors twice in the process's peak (8 GB at 2M × 512).
        _index.Dispose();
        _index = null!;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _index = ForestIndex.Open(path);
        return new FileInfo(path).Length;
    }

    public void Dispose() => _index.Dispose();

    public sealed class Builder(ForestOptions baseOptions) : IBenchIndexBuilder
    {
        public string Name => "forest";

        public bool HasParameters => true;

        public IBenchIndex Build(EmbeddingMatrix matrix, DistanceMetric metric, int trees, int seed) =>
            new ForestBenchIndex(ForestIndex.Build(matrix, metric, baseOptions with { Trees = trees, Seed = seed }));
    }
}
