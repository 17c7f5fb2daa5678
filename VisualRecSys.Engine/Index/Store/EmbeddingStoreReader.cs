namespace VisualRecSys.Engine.Index.Store;

/// <summary>
/// An embedding store opened for reading by memory mapping: ids are copied (small), vectors are read in place.
/// Only the blocks that were complete and valid when it was opened are seen; a writer may keep appending meanwhile.
/// </summary>
public sealed unsafe class EmbeddingStoreReader : IDisposable
{
    private readonly MappedStore _store;
    private readonly int[] _ids;
    private readonly long[] _vectorOffsets;

    private EmbeddingStoreReader(MappedStore store)
    {
        _store = store;
        var rows = checked((int)store.Rows);
        _ids = new int[rows];
        _vectorOffsets = new long[rows];
        var rowBytes = 4L * store.Dimension;
        foreach (var block in store.Blocks)
        {
            var idsStart = block.Offset + StoreFormat.BlockHeaderLength;
            new ReadOnlySpan<int>(store.Pointer + idsStart, block.Rows).CopyTo(_ids.AsSpan((int)block.FirstRow, block.Rows));
            var vectorsStart = idsStart + (4L * block.Rows);
            for (var i = 0; i < block.Rows; i++)
            {
                _vectorOffsets[block.FirstRow + i] = vectorsStart + (i * rowBytes);
            }
        }
    }

    /// <summary>The store file.</summary>
    public string Path => _store.Path;

    /// <summary>The model that made the vectors (from the file's header).</summary>
    public string ModelId => _store.ModelId;

    /// <summary>Floats per vector.</summary>
    public int Dimension => _store.Dimension;

    /// <summary>When the store was created.</summary>
    public DateTimeOffset Created => _store.Created;

    /// <summary>Rows stored (an id embedded twice has two rows; the later one counts).</summary>
    public int Count => _ids.Length;

    /// <summary>The id of each row, in the order appended.</summary>
    public ReadOnlySpan<int> Ids => _ids;

    /// <summary>Bytes after the last valid block, ignored (an interrupted write, or corruption; see <see cref="IgnoredReason"/>).</summary>
    public long IgnoredBytes => _store.Length - _store.ValidLength;

    /// <summary>What the ignored bytes start with, or null when there are none.</summary>
    public string? IgnoredReason => _store.Stop;

    /// <summary>Bytes up to the end of the last valid block.</summary>
    internal long ValidLength => _store.ValidLength;

    /// <summary>
    /// Opens the store of <paramref name="modelId"/> in <paramref name="directory"/>, or returns <see langword="null"/> when
    /// there is none.
    /// </summary>
    /// <exception cref="InvalidDataException">The file's header is invalid or names another model.</exception>
    public static EmbeddingStoreReader? TryOpen(string directory, string modelId)
    {
        var path = EmbeddingStore.PathFor(directory, modelId);
        MappedStore store;
        try
        {
            store = MappedStore.Open(path, modelId);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            return new EmbeddingStoreReader(store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The model id and dimension from the header of <paramref name="modelId"/>'s store in <paramref name="directory"/>
    /// (nothing else of the file is read), or <see langword="null"/> when there is no store.
    /// </summary>
    /// <exception cref="InvalidDataException">The header is invalid or names another model.</exception>
    public static (string ModelId, int Dimension)? TryReadHeader(string directory, string modelId)
    {
        var path = EmbeddingStore.PathFor(directory, modelId);
        Span<byte> header = stackalloc byte[StoreFormat.HeaderLength];
        long length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            length = stream.Length;
            if (length < StoreFormat.HeaderLength)
            {
                throw StoreFormat.Corrupt(path, $"it is {length} bytes, shorter than the {StoreFormat.HeaderLength}-byte header");
            }

            stream.ReadExactly(header);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var (storedId, dimension, _) = StoreFormat.ReadHeader(header, length, path);
        if (storedId != modelId)
        {
            throw new InvalidDataException(
                $"'{path}' holds the vectors of model '{storedId}', not of '{modelId}'; vectors of different models are never mixed.");
        }

        return (storedId, dimension);
    }

    /// <summary>The vector of row <paramref name="row"/>, read from the mapping (valid until the reader is disposed).</summary>
    public ReadOnlySpan<float> Vector(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return new ReadOnlySpan<float>(_store.Pointer + _vectorOffsets[row], Dimension);
    }

    /// <summary>
    /// The stored vectors as a matrix ordered by id: the last row of each id, only ids <paramref name="include"/> accepts
    /// (all when null).
    /// </summary>
    /// <exception cref="InvalidDataException">A stored vector is not finite.</exception>
    public EmbeddingMatrix ToMatrix(Func<int, bool>? include = null)
    {
        var lastRow = new Dictionary<int, int>(_ids.Length);
        for (var row = 0; row < _ids.Length; row++)
        {
            lastRow[_ids[row]] = row;
        }

        var ids = lastRow.Keys.Where(id => include is null || include(id)).Order().ToArray();
        var vectors = new float[(long)ids.Length * Dimension];
        for (var i = 0; i < ids.Length; i++)
        {
            Vector(lastRow[ids[i]]).CopyTo(vectors.AsSpan(i * Dimension, Dimension));
        }

        try
        {
            return new EmbeddingMatrix(ModelId, Dimension, ids, vectors);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The embeddings in '{Path}' are unusable: {e.Message}", e);
        }
    }

    /// <summary>Unmaps the file.</summary>
    public void Dispose() => _store.Dispose();
}
