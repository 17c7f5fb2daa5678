using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace VisualRecSys.Engine.Index.Store;

/// <summary>
/// Embedding stores: one file per model, <c>&lt;modelId&gt;.vecs</c>, of float32 vectors with their ids, appended to by
/// <see cref="EmbeddingStoreWriter"/> and read memory-mapped by <see cref="EmbeddingStoreReader"/>. The model id is in the
/// file's header; opening it for another model fails.
/// </summary>
/// <remarks>
/// <para>Layout: a 256-byte checksummed header, then blocks of rows each with its own checksum (see the format notes in
/// <c>Store/StoreFormat.cs</c>). Appending never rewrites what is there, so 70,000 × 512 floats are not written again every
/// few hundred images.</para>
/// <para>Crash safety: a block is appended with one write and is valid only if complete and matching its checksum.
/// Readers stop at the first block that is not and ignore the rest; the next writer cuts it off. So an interrupted write
/// loses at most the block being written, and a block damaged later (bit rot) is <b>dropped together with every block
/// after it</b>: those products are embedded again rather than trusted. A damaged header makes the file unusable
/// (<see cref="InvalidDataException"/>).</para>
/// <para>The format before this one (<c>&lt;model&gt;.f32</c> + <c>&lt;model&gt;.ids</c>, rewritten on every save, under the
/// model id <c>resnet18-imagenet</c>) is not read: model ids now include a content hash, so those vectors are re-embedded
/// once and the old files can be deleted (<see cref="LegacyFiles"/> finds them).</para>
/// </remarks>
public static partial class EmbeddingStore
{
    /// <summary>Extension of store files.</summary>
    public const string Extension = ".vecs";

    /// <summary>Extension of the lock file a writer holds next to the store.</summary>
    public const string LockExtension = ".lock";

    // Blocks of a saved matrix: large enough that headers do not matter, small enough to checksum in one go.
    private const int SaveBlockRows = 4096;

    /// <summary>The store file of <paramref name="modelId"/> in <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException">The model id cannot be a file name.</exception>
    public static string PathFor(string directory, string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        // The model id becomes a file name: allow nothing that could leave the folder or confuse the file system.
        if (string.IsNullOrEmpty(modelId) || !SafeModelId().IsMatch(modelId))
        {
            throw new ArgumentException(
                $"Model id '{modelId}' cannot be used as a file name: use letters, digits, '.', '-' and '_' (not first).", nameof(modelId));
        }

        return Path.Combine(directory, modelId + Extension);
    }

    /// <summary>
    /// Loads the vectors stored for <paramref name="modelId"/> (the last one of each id, ordered by id), or returns
    /// <see langword="null"/> when there is no store. An incomplete or damaged tail is ignored.
    /// </summary>
    /// <exception cref="InvalidDataException">The header is invalid or names another model.</exception>
    public static EmbeddingMatrix? TryLoad(string directory, string modelId)
    {
        using var reader = EmbeddingStoreReader.TryOpen(directory, modelId);
        return reader?.ToMatrix();
    }

    /// <summary>
    /// Writes <paramref name="matrix"/> as the whole store of its model (replacing any), through a temporary file moved
    /// into place: compaction, caches and copies.
    /// </summary>
    /// <exception cref="InvalidOperationException">A writer has the store open.</exception>
    public static void Save(EmbeddingMatrix matrix, string directory)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var path = PathFor(directory, matrix.ModelId);
        Directory.CreateDirectory(directory);
        using var lockFile = Lock(path);
        WriteNew(path, matrix.ModelId, matrix.Dimension, matrix);
    }

    /// <summary>Files of the earlier format (<c>*.f32</c> with <c>*.ids</c>) in <paramref name="directory"/>, which nothing reads any more.</summary>
    public static IReadOnlyList<string> LegacyFiles(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.f32").Concat(Directory.EnumerateFiles(directory, "*.ids")).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Takes the store's writer lock (an exclusive lock on <c>&lt;store&gt;.lock</c>, released when the process ends).</summary>
    internal static FileStream Lock(string path)
    {
        try
        {
            return new FileStream(path + LockExtension, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException e) when (File.Exists(path + LockExtension))
        {
            throw new EmbeddingStoreBusyException(
                $"Another process (or writer) is writing '{path}'; wait for it to finish. ({e.Message})", e);
        }
    }

    /// <summary>Writes a store holding <paramref name="matrix"/> (or only a header) to a temporary file and moves it to <paramref name="path"/>.</summary>
    internal static void WriteNew(string path, string modelId, int dimension, EmbeddingMatrix? matrix)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(modelId) > StoreFormat.MaxModelIdBytes)
        {
            throw new ArgumentException($"Model id '{modelId}' is longer than {StoreFormat.MaxModelIdBytes} bytes.", nameof(modelId));
        }

        // A unique temporary name, so two processes cannot write into each other's file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Span<byte> header = stackalloc byte[StoreFormat.HeaderLength];
                StoreFormat.WriteHeader(header, modelId, dimension, DateTimeOffset.UtcNow);
                stream.Write(header);
                if (matrix is not null)
                {
                    WriteBlocks(stream, matrix);
                }

                // Data reaches the disk before the rename makes it visible.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteBlocks(FileStream stream, EmbeddingMatrix matrix)
    {
        var dimension = matrix.Dimension;
        var buffer = new byte[StoreFormat.BlockLength(Math.Min(SaveBlockRows, Math.Max(1, matrix.Count)), dimension)];
        for (var first = 0; first < matrix.Count; first += SaveBlockRows)
        {
            var rows = Math.Min(SaveBlockRows, matrix.Count - first);
            var block = buffer.AsSpan(0, (int)StoreFormat.BlockLength(rows, dimension));
            MemoryMarshal.AsBytes(matrix.Ids.Slice(first, rows)).CopyTo(block[StoreFormat.BlockHeaderLength..]);
            MemoryMarshal.AsBytes(matrix.Vectors.Span.Slice(first * dimension, rows * dimension))
                .CopyTo(block[(StoreFormat.BlockHeaderLength + (4 * rows))..]);
            StoreFormat.SealBlock(block, rows, first);
            stream.Write(block);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeModelId();
}
