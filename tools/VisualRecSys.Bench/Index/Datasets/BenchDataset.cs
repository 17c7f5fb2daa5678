using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Index.Datasets;

/// <summary>Vectors to index and queries to run against them.</summary>
/// <param name="Name">The dataset name as given on the command line.</param>
/// <param name="Base">The indexed vectors (ids 0..Count-1).</param>
/// <param name="Queries">QueryCount × Base.Dimension floats, query after query; none of them is in <paramref name="Base"/>.</param>
/// <param name="QueryCount">Number of queries.</param>
internal sealed record BenchDataset(string Name, EmbeddingMatrix Base, float[] Queries, int QueryCount)
{
    /// <summary>Query <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Query(int index) => Queries.AsSpan(index * Base.Dimension, Base.Dimension);
}
