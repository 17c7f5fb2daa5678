using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace VisualRecSys.Engine.Index.Store;

/// <summary>
/// Appends vectors to a model's embedding store: each <see cref="Append"/> adds one checksummed block with a single
/// write at the end of the file, nothing already written is rewritten, and <see cref="Commit"/> makes what was appended
/// durable (fsync). A crash can leave at most a partial last block, which the next open drops (see <see cref="DroppedBytes"/>).
/// One writer per store at a time, across processes (a lock file next to the store).
/// </summary>
public sealed class EmbeddingStoreWriter : IDisposable
{
    private readonly FileStream _lock;
    private readonly FileStream _file;
    private readonly HashSet<int> _ids;
    private long _end;
    private long _rows;
    private bool _dirty;
    private bool _disposed;

    private EmbeddingStoreWriter(string path, string modelId, int dimension, FileStream lockFile, FileStream file, HashSet<int> ids, long rows,
        long end, long dropped, string? droppedReason)
    {
        Path = path;
        ModelId = modelId;
        Dimension = dimension;
        _lock = lockFile;
        _file = file;
        _ids = ids;
        _rows = rows;
        _end = end;
        DroppedBytes = dropped;
        DroppedReason = droppedReason;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>The model whose vectors the store holds.</summary>
    public string ModelId { get; }

    /// <summary>Floats per vector.</summary>
    public int Dimension { get; }

    /// <summary>Rows in the store (appended before and by this writer).</summary>
    public long Count => _rows;

    /// <summary>Distinct ids stored.</summary>
    public IReadOnlySet<int> Ids => _ids;

    /// <summary>Bytes after the last valid block that opening cut off (a partial block from a crash, or corruption).</summary>
    public long DroppedBytes { get; }

    /// <summary>What the dropped bytes were, or null when nothing was dropped.</summary>
    public string? DroppedReason { get; }

    /// <summary>
    /// Opens the store of <paramref name="modelId"/> in <paramref name="directory"/> for appending, creating it (and the
    /// folder) when missing. Anything after the last valid block is cut off, so appends continue a valid file.
    /// </summary>
    /// <exception cref="InvalidDataException">The file's header is invalid, names another model or another dimension.</exception>
    /// <exception cref="InvalidOperationException">Another writer has the store open.</exception>
    public static EmbeddingStoreWriter Open(string directory, string modelId, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var path = EmbeddingStore.PathFor(directory, modelId);
        Directory.CreateDirectory(directory);
        var lockFile = EmbeddingStore.Lock(path);
        FileStream? file = null;
        try
        {
            if (!File.Exists(path))
            {
                EmbeddingStore.WriteNew(path, modelId, dimension, null);
            }

            HashSet<int> ids;
            long rows, valid, dropped;
            string? stop;
            using (var reader = EmbeddingStoreReader.TryOpen(directory, modelId)
                ?? throw new FileNotFoundException($"'{path}' disappeared while it was opened.", path))
            {
                if (reader.Dimension != dimension)
                {
                    throw new InvalidDataException(
                        $"'{path}' holds {reader.Dimension}-dimensional vectors; model '{modelId}' makes {dimension}. Delete it to embed again.");
                }

                ids = [.. reader.Ids];
                rows = reader.Count;
                dropped = reader.IgnoredBytes;
                stop = reader.IgnoredReason;
                valid = reader.ValidLength;
            }

            // No buffering: each block goes to the OS in one write.
            file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            if (file.Length != valid)
            {
                file.SetLength(valid);
                file.Flush(flushToDisk: true);
            }

            return new EmbeddingStoreWriter(path, modelId, dimension, lockFile, file, ids, rows, valid, dropped, stop);
        }
        catch
        {
            file?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="id"/> has a vector in the store.</summary>
    public bool Contains(int id) => _ids.Contains(id);

    /// <summary>Appends one block: <paramref name="ids"/> and their vectors, row after row.</summary>
    /// <exception cref="ArgumentException">Lengths disagree or a value is NaN or infinite.</exception>
    public void Append(ReadOnlySpan<int> ids, ReadOnlySpan<float> vectors)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ids.IsEmpty)
        {
            return;
        }

        if ((long)ids.Length * Dimension != vectors.Length)
        {
            throw new ArgumentException($"{ids.Length} ids × {Dimension} = {(long)ids.Length * Dimension} floats expected; got {vectors.Length}.", nameof(vectors));
        }

        // One NaN would poison every ranking that touches it; refuse it before it is on disk.
        if (!TensorPrimitives.IsFiniteAll(vectors))
        {
            throw new ArgumentException("The vectors contain NaN or infinite values.", nameof(vectors));
        }

        var length = checked((int)StoreFormat.BlockLength(ids.Length, Dimension));
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var block = buffer.AsSpan(0, length);
            MemoryMarshal.AsBytes(ids).CopyTo(block[StoreFormat.BlockHeaderLength..]);
            MemoryMarshal.AsBytes(vectors).CopyTo(block[(StoreFormat.BlockHeaderLength + (4 * ids.Length))..]);
            StoreFormat.SealBlock(block, ids.Length, _rows);
            _file.Position = _end;
            _file.Write(block);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _end += length;
        _rows += ids.Length;
        _dirty = true;
        foreach (var id in ids)
        {
            _ids.Add(id);
        }
    }

    /// <summary>Makes everything appended so far durable (fsync).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_dirty)
        {
            _file.Flush(flushToDisk: true);
            _dirty = false;
        }
    }

    /// <summary>Commits and closes the store.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Commit();
        }
        finally
        {
            _disposed = true;
            _file.Dispose();
            _lock.Dispose();
        }
    }
}
