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

    /// <summary>
    /// Scales every base vector to unit length, in place. Cosine similarity does not depend on length, so angular
    /// results are unchanged, while the exact index then scores these vectors as they are instead of keeping a
    /// normalized copy as big as the dataset (4 GB at 2M × 512, which would dominate the process's peak memory).
    /// </summary>
    public void NormalizeBaseInPlace()
    {
        // The dataset made this array and hands it to nothing that keeps derived state across this call.
        var vectors = System.Runtime.InteropServices.MemoryMarshal.AsMemory(Base.Vectors).Span;
        var dimension = Base.Dimension;
        for (var row = 0; row < Base.Count; row++)
        {
            var vector = vectors.Slice(row * dimension, dimension);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            if (norm > 0f)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
            }
        }
    }
}
