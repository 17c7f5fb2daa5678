using System.IO.MemoryMappedFiles;
using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Index.Store.VectorFiles;

/// <summary>
/// The rows of a <see cref="VectorFile"/>, memory-mapped read-only: a file of gigabytes is read in place, chunk by chunk,
/// and never copied into managed memory as a whole.
/// </summary>
public sealed unsafe class MappedVectorFile : IDisposable
{
    // Chunks a span can hold (int length) and a check can sweep quickly: 4 MiB of floats.
    private const int ChunkFloats = 1 << 20;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly float* _rows;
    private int _disposed;

    private MappedVectorFile(VectorFile file, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* start)
    {
        File = file;
        _map = map;
        _view = view;
        _rows = (float*)(start + file.DataOffset);
    }

    /// <summary>The file's layout.</summary>
    public VectorFile File { get; }

    /// <summary>Maps <paramref name="file"/> (described by <see cref="VectorFile.Describe"/>).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static MappedVectorFile Open(VectorFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Vector files are little-endian and read in place; this machine is big-endian.");
        }

        var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (stream.Length != file.DataOffset + file.DataLength)
        {
            stream.Dispose();
            throw new InvalidDataException($"{file.Path} changed since it was checked.");
        }

        var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        return new MappedVectorFile(file, map, view, pointer + view.PointerOffset);
    }

    /// <summary>Rows <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1, in place.</summary>
    public ReadOnlySpan<float> Rows(long first, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, File.Rows);
        return new ReadOnlySpan<float>(_rows + (first * File.Dimension), checked(count * File.Dimension));
    }

    /// <summary>
    /// The first row holding a NaN or an infinite value, or null when every value is finite. Sweeps the file in chunks,
    /// reporting rows checked to <paramref name="progress"/>.
    /// </summary>
    public long? FirstNonFiniteRow(IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var dimension = File.Dimension;
        var chunkRows = Math.Max(1, ChunkFloats / dimension);
        for (long first = 0; first < File.Rows; first += chunkRows)
        {
            ct.ThrowIfCancellationRequested();
            var count = (int)Math.Min(chunkRows, File.Rows - first);
            var chunk = Rows(first, count);
            if (!TensorPrimitives.IsFiniteAll(chunk))
            {
                // Rare: find the row within the chunk.
                for (var row = 0; row < count; row++)
                {
                    if (!TensorPrimitives.IsFiniteAll(chunk.Slice(row * dimension, dimension)))
                    {
                        return first + row;
                    }
                }
            }

            progress?.Report(first + count);
        }

        return null;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _map.Dispose();
        }
    }
}
