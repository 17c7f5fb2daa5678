using System.IO.MemoryMappedFiles;

namespace VisualRecSys.Engine.Index.Store;

/// <summary>
/// A store file mapped read-only, its header checked and its valid blocks found. Opened with sharing that lets a
/// writer keep appending (only the blocks valid at open are seen) and lets <see cref="EmbeddingStore.Save"/> replace the file.
/// </summary>
internal sealed unsafe class MappedStore : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private int _disposed;

    private MappedStore(string path, long length, MemoryMappedFile file, MemoryMappedViewAccessor view, byte* pointer)
    {
        Path = path;
        Length = length;
        _file = file;
        _view = view;
        Pointer = pointer;
    }

    public string Path { get; }

    public long Length { get; }

    public byte* Pointer { get; }

    public string ModelId { get; private set; } = "";

    public int Dimension { get; private set; }

    public DateTimeOffset Created { get; private set; }

    public List<StoreBlock> Blocks { get; private set; } = [];

    /// <summary>Bytes up to the end of the last valid block.</summary>
    public long ValidLength { get; private set; }

    /// <summary>Why blocks after <see cref="ValidLength"/> were ignored, or null.</summary>
    public string? Stop { get; private set; }

    public long Rows => Blocks.Count == 0 ? 0 : Blocks[^1].FirstRow + Blocks[^1].Rows;

    /// <summary>Maps <paramref name="path"/> and checks it holds <paramref name="modelId"/>'s vectors.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The header is invalid or names another model.</exception>
    public static MappedStore Open(string path, string modelId)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Embedding stores are little-endian and read in place; this machine is big-endian.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        var length = stream.Length;
        if (length < StoreFormat.HeaderLength)
        {
            stream.Dispose();
            throw StoreFormat.Corrupt(path, $"it is {length} bytes, shorter than the {StoreFormat.HeaderLength}-byte header");
        }

        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        var store = new MappedStore(path, length, file, view, pointer + view.PointerOffset);
        try
        {
            store.Read(modelId);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _view?.SafeMemoryMappedViewHandle.ReleasePointer();
            _view?.Dispose();
            _file?.Dispose();
        }
    }

    private void Read(string modelId)
    {
        var (storedId, dimension, created) = StoreFormat.ReadHeader(new ReadOnlySpan<byte>(Pointer, StoreFormat.HeaderLength), Length, Path);
        if (storedId != modelId)
        {
            throw new InvalidDataException(
                $"'{Path}' holds the vectors of model '{storedId}', not of '{modelId}'; vectors of different models are never mixed.");
        }

        ModelId = storedId;
        Dimension = dimension;
        Created = created;
        Blocks = StoreFormat.Scan(Pointer, Length, dimension, out var validLength, out var stop);
        ValidLength = validLength;
        Stop = stop;
    }
}
