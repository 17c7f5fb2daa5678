using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Bench.Index.Indexes;

/// <summary>What the index benchmark needs of an index: search with a candidate budget, and its size on disk.</summary>
internal interface IBenchIndex : IDisposable
{
    /// <summary>The approximate <paramref name="k"/> best hits, gathering <paramref name="searchK"/> candidates (ignored by exact search).</summary>
    int Search(ReadOnlySpan<float> query, int k, int searchK, Span<SearchHit> destination);

    /// <summary>Saves the index to <paramref name="path"/>, switches to serving it from there if that is how it is served, and returns its size in bytes.</summary>
    long SaveAndMeasureBytes(string path);
}

/// <summary>Builds one kind of <see cref="IBenchIndex"/>.</summary>
internal interface IBenchIndexBuilder
{
    /// <summary>The kind, as reported ("forest", "exact").</summary>
    string Name { get; }

    /// <summary>Whether trees and searchK mean anything; when not, the grid is one row with trees = search_k = 0.</summary>
    bool HasParameters { get; }

    /// <summary>Builds the index over <paramref name="matrix"/>.</summary>
    IBenchIndex Build(EmbeddingMatrix matrix, DistanceMetric metric, int trees, int seed);
}
