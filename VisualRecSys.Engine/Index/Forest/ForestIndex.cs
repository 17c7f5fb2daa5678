using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// An approximate nearest-neighbour index in the manner of Spotify's Annoy: a forest of random-projection trees
/// searched through one priority queue, candidates ranked exactly. Splits happen in a principal-component
/// subspace (<see cref="ForestOptions.SplitDimension"/>), leaves are small and each candidate is scored once.
/// Built in memory with <see cref="Build"/>, saved to one file with <see cref="Save"/>, served memory-mapped from
/// <see cref="Open"/>. Thread-safe for concurrent queries.
/// </summary>
public sealed class ForestIndex : IVectorIndex, IDisposable
{
    private readonly ForestData _data;
    private readonly IDisposable? _mapping;
    private readonly ThreadLocal<QueryScratch> _scratch;
    private Dictionary<int, int>? _rowsById;

    private ForestIndex(ForestData data, IDisposable? mapping)
    {
        _data = data;
        _mapping = mapping;
        _scratch = new ThreadLocal<QueryScratch>(() => new QueryScratch(data.Count, data.Dimension, data.ProjectedDimension, data.CodeStride));
    }

    /// <inheritdoc />
    public int Count => _data.Count;

    /// <inheritdoc />
    public int Dimension => _data.Dimension;

    /// <inheritdoc />
    public DistanceMetric Metric => _data.Metric;

    /// <inheritdoc />
    public string ModelId => _data.ModelId;

    /// <summary>Number of trees.</summary>
    public int TreeCount => _data.TreeCount;

    /// <summary>Most items per leaf.</summary>
    public int LeafSize => _data.LeafSize;

    /// <summary>Dimension of the space the trees split in.</summary>
    public int SplitDimension => _data.SplitDimension;

    /// <summary>When the index was built.</summary>
    public DateTimeOffset CreatedAt => _data.CreatedAt;

    internal ForestData Data => _data;

    /// <summary>Builds a forest over <paramref name="matrix"/>.</summary>
    /// <param name="matrix">The vectors and their ids.</param>
    /// <param name="metric">How similarity is measured.</param>
    /// <param name="options">Trees, leaf size, split dimension, seed, parallelism.</param>
    /// <param name="treesBuilt">Receives the number of trees finished so far.</param>
    /// <param name="ct">Cancels the build.</param>
    /// <returns>The index, in memory.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ForestIndex Build(EmbeddingMatrix matrix, DistanceMetric metric, ForestOptions options,
        IProgress<int>? treesBuilt = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown distance metric.");
        }

        options.Validate();
        return new ForestIndex(ForestBuilder.Build(matrix, metric, options, treesBuilt, ct), null);
    }

    /// <summary>Wraps forest regions made elsewhere in this assembly (e.g. an Annoy import), after the structural checks an opened file gets.</summary>
    internal static ForestIndex FromData(ForestData data)
    {
        ForestValidation.CheckStructure(data, "(imported)");
        return new ForestIndex(data, null);
    }

    /// <summary>Opens an index file by memory mapping, after verifying its checksum and structure.</summary>
    /// <param name="path">A file written by <see cref="Save"/>.</param>
    /// <returns>The index; dispose it to unmap the file.</returns>
    /// <exception cref="InvalidDataException">The file is not an index, or is truncated or corrupt.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static ForestIndex Open(string path)
    {
        var (data, mapping) = ForestFile.Open(path);
        return new ForestIndex(data, mapping);
    }

    /// <summary>Writes the index to one file, atomically (a temporary file moved into place).</summary>
    /// <param name="path">The file to write; replaced if it exists.</param>
    public void Save(string path) => ForestFile.Save(_data, path);

    /// <summary>The candidates a query gathers when the caller does not say: the build's default, else trees × k.</summary>
    public int DefaultSearchK(int k) => _data.DefaultSearchK > 0 ? _data.DefaultSearchK : _data.TreeCount * k;

    /// <inheritdoc />
    public int Search(ReadOnlySpan<float> query, int k, Span<SearchHit> destination, in SearchFilter filter) =>
        Search(query, k, DefaultSearchK(k), destination, filter);

    /// <summary>The approximate k most similar items to <paramref name="query"/>, best first.</summary>
    /// <param name="query">A vector of <see cref="Dimension"/> values.</param>
    /// <param name="k">How many results.</param>
    /// <param name="searchK">How many eligible candidates to gather before ranking; more is slower and more exact.</param>
    /// <param name="destination">Receives the hits (Score as in <see cref="SearchHit"/>); at least min(k, Count) long.</param>
    /// <param name="filter">Items to leave out; applied while gathering, so k results come back when k eligible items exist.</param>
    /// <returns>How many hits were written.</returns>
    /// <exception cref="ArgumentException">The query has the wrong length or non-finite values, or the destination is too small.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k or searchK is not positive.</exception>
    public int Search(ReadOnlySpan<float> query, int k, int searchK, Span<SearchHit> destination, in SearchFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(searchK);
        var wanted = SearchArguments.Check(query, k, destination, Dimension, Count);

        if (wanted == 0)
        {
            return 0;
        }

        // The excluded item is left out by its row, found once here, instead of comparing every candidate's id (a read
        // from another place in memory per candidate). An id the index does not hold cannot come back anyway.
        var excludedRow = filter.ExcludeId is { } excluded && TryGetRow(excluded, out var row) ? row : ForestSearch.NoRow;
        return ForestSearch.Run(_data, _scratch.Value!, query, wanted, searchK, destination[..wanted], filter.Accept, excludedRow);
    }

    /// <summary>The approximate k items most similar to item <paramref name="id"/>, the item itself left out.</summary>
    /// <returns>How many hits were written; 0 when the id is not in the index.</returns>
    public int SearchByItem(int id, int k, int searchK, Span<SearchHit> destination)
    {
        if (!TryGetRow(id, out var row))
        {
            return 0;
        }

        return Search(_data.Vectors.Span.Slice(row * Dimension, Dimension), k, searchK, destination, new SearchFilter { ExcludeId = id });
    }

    /// <summary>Copies the stored vector of <paramref name="id"/> (unit length for <see cref="DistanceMetric.Angular"/>).</summary>
    public bool TryGetVector(int id, Span<float> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"The destination must hold exactly {Dimension} floats.", nameof(destination));
        }

        if (!TryGetRow(id, out var row))
        {
            return false;
        }

        _data.Vectors.Span.Slice(row * Dimension, Dimension).CopyTo(destination);
        return true;
    }

    /// <inheritdoc />
    public bool Contains(int id) => TryGetRow(id, out _);

    /// <summary>Unmaps the file of an opened index. Queries must not run during or after disposal.</summary>
    public void Dispose()
    {
        _scratch.Dispose();
        _mapping?.Dispose();
    }

    private bool TryGetRow(int id, out int row)
    {
        // Built on first use, not at open: opening a large index stays a matter of milliseconds. Every query that
        // excludes an item asks this, so the common path reads a field and allocates nothing (no closure).
        var rows = Volatile.Read(ref _rowsById) ?? BuildRowsById();
        return rows.TryGetValue(id, out row);
    }

    private Dictionary<int, int> BuildRowsById()
    {
        var ids = _data.Ids.Span;
        var map = new Dictionary<int, int>(ids.Length);
        for (var r = 0; r < ids.Length; r++)
        {
            map[ids[r]] = r;
        }

        // Two threads may both build it; either map is right, and the first one stored is kept.
        return Interlocked.CompareExchange(ref _rowsById, map, null) ?? map;
    }
}
