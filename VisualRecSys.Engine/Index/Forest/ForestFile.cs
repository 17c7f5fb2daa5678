using System.IO.Hashing;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// Index files: a <see cref="ForestFileHeader"/> then the forest's regions. Written to a temporary file and
/// moved into place, so a crash never leaves half a file under the final name; opened by memory mapping, so
/// opening costs no copy and the pages are shared between processes; refused unless the checksum matches.
/// </summary>
internal static class ForestFile
{
    /// <summary>XxHash3 takes spans; hash big regions in chunks below int.MaxValue.</summary>
    private const int HashChunk = 1 << 30;

    /// <summary>Reads of the checksum pass at open: large enough that the system calls cost nothing, small enough for the cache.</summary>
    private const int ReadChunk = 4 << 20;

    public static void Save(ForestData data, string path)
    {
        var header = HeaderOf(data);
        var (offsets, length) = header.Layout();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var hash = new XxHash3();
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20))
            {
                stream.SetLength(length);
                stream.Position = ForestFileHeader.Size;
                var section = 0;
                void Write<T>(ReadOnlyMemory<T> region)
                    where T : unmanaged
                {
                    Pad(stream, offsets[section++], hash);

                    // A region may exceed int.MaxValue bytes (2M × 512 floats is 4 GiB): write it a chunk of elements at a time.
                    var perChunk = HashChunk / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
                    for (var start = 0; start < region.Length; start += perChunk)
                    {
                        var elements = region.Span.Slice(start, Math.Min(perChunk, region.Length - start));
                        Append(stream, MemoryMarshal.AsBytes(elements), hash);
                    }
                }

                Write(data.Vectors);
                Write(data.SquaredNorms);
                Write(data.Ids);
                Write(data.Projection);
                Write(data.Codes);
                Write(data.CodeScales);
                Write(data.CodeSquaredNorms);
                Write(data.CodeResiduals);
                Write(data.Normals);
                Write(data.Offsets);
                Write(data.Children);
                Write(data.Roots);
                Write(data.LeafStarts);
                Write(data.LeafItems);

                var headerBytes = new byte[ForestFileHeader.Size];
                header.Write(headerBytes);
                var checksum = Checksum(headerBytes, hash);
                (header with { Checksum = checksum }).Write(headerBytes);
                stream.Position = 0;
                stream.Write(headerBytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static unsafe (ForestData Data, IDisposable Mapping) Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length < ForestFileHeader.Size)
        {
            throw new InvalidDataException($"'{path}' is too short ({length} bytes) to be an index file.");
        }

        // One handle for the mapping and the checksum's reads: a file renamed into place meanwhile is not mixed in.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var file = MemoryMappedFile.CreateFromFile(handle, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        var mapping = new Mapping(file, view);
        try
        {
            pointer += view.PointerOffset;
            var header = ForestFileHeader.Read(new ReadOnlySpan<byte>(pointer, ForestFileHeader.Size), path);
            var (offsets, expected) = header.Layout();
            if (expected != length)
            {
                throw new InvalidDataException(length < expected
                    ? $"'{path}' is truncated: {length:N0} bytes of {expected:N0}."
                    : $"'{path}' has {length - expected:N0} unexpected trailing bytes.");
            }

            var hash = HashBody(handle, length, path);
            var headerBytes = new ReadOnlySpan<byte>(pointer, ForestFileHeader.Size).ToArray();
            headerBytes.AsSpan(ForestFileHeader.ChecksumOffset, 8).Clear();
            if (Checksum(headerBytes, hash) != header.Checksum)
            {
                throw new InvalidDataException($"'{path}' is corrupt: its checksum does not match its contents.");
            }

            ReadOnlyMemory<T> Section<T>(int section)
                where T : unmanaged =>
                new UnmanagedMemoryManager<T>((T*)(pointer + offsets[section]), checked((int)header.Sections[section].Elements)).Memory;

            // Version 1 kept float coordinates for the shortlist; they are encoded here, once, and the trees after
            // them sit two sections earlier than in version 2. Version 2 has no residual lengths: its queries
            // shortlist on the codes alone, as they did when it was written.
            var legacy = header.Version == ForestFileHeader.FloatShortlistVersion;
            var codes = legacy
                ? LegacyCodes(header, Section<float>(4).Span)
                : (Section<sbyte>(4), Section<float>(5), Section<float>(6));
            var residuals = header.HasResiduals ? Section<float>(7) : ReadOnlyMemory<float>.Empty;
            var trees = legacy ? 5 : header.HasResiduals ? 8 : 7;
            var data = new ForestData
            {
                Metric = header.Metric,
                Dimension = header.Dimension,
                Count = header.Count,
                SplitDimension = header.SplitDimension,
                ProjectedDimension = header.ProjectedDimension,
                TreeCount = header.TreeCount,
                LeafSize = header.LeafSize,
                DefaultSearchK = header.DefaultSearchK,
                ShortlistFactor = header.ShortlistFactor,
                Seed = header.Seed,
                ModelId = header.ModelId,
                CreatedAt = header.CreatedAt,
                MaxNorm = header.MaxNorm,
                Vectors = Section<float>(0),
                SquaredNorms = Section<float>(1),
                Ids = Section<int>(2),
                Projection = Section<float>(3),
                Codes = codes.Item1,
                CodeScales = codes.Item2,
                CodeSquaredNorms = codes.Item3,
                CodeResiduals = residuals,
                ResidualWeight = header.ResidualWeight,
                Normals = Section<float>(trees),
                Offsets = Section<float>(trees + 1),
                Children = Section<int>(trees + 2),
                Roots = Section<int>(trees + 3),
                LeafStarts = Section<int>(trees + 4),
                LeafItems = Section<int>(trees + 5),
            };
            ForestValidation.CheckStructure(data, path);
            return (data, mapping);
        }
        catch
        {
            mapping.Dispose();
            throw;
        }
    }

    private static (ReadOnlyMemory<sbyte>, ReadOnlyMemory<float>, ReadOnlyMemory<float>) LegacyCodes(ForestFileHeader header, ReadOnlySpan<float> projected)
    {
        if (header.ShortlistFactor == 0)
        {
            return (ReadOnlyMemory<sbyte>.Empty, ReadOnlyMemory<float>.Empty, ReadOnlyMemory<float>.Empty);
        }

        var (codes, scales, squaredNorms) = ShortlistCodes.Encode(projected, header.Count, header.ProjectedDimension, header.ProjectionRows,
            withSquaredNorms: header.Metric == DistanceMetric.Euclidean);
        return (codes, scales, squaredNorms);
    }

    private static ForestFileHeader HeaderOf(ForestData data) => new()
    {
        Metric = data.Metric,
        Dimension = data.Dimension,
        Count = data.Count,
        SplitDimension = data.SplitDimension,
        ProjectedDimension = data.ProjectedDimension,
        TreeCount = data.TreeCount,
        LeafSize = data.LeafSize,
        DefaultSearchK = data.DefaultSearchK,
        ShortlistFactor = data.ShortlistFactor,
        InnerCount = data.InnerCount,
        LeafCount = data.LeafCount,
        MaxNorm = data.MaxNorm,
        Seed = data.Seed,
        CreatedAt = data.CreatedAt,
        LeafItemCount = data.LeafItems.Length,
        ModelId = data.ModelId,
        ResidualWeight = data.ResidualWeight,
    };

    /// <summary>
    /// Hashes everything after the header with reads, not through the mapping: the page cache serves them without
    /// mapping every page into this process, whose resident set would otherwise hold the whole file (4.5 GB at
    /// 2M × 512) before the first query; reads in big chunks are also faster than faulting pages in one by one.
    /// </summary>
    private static XxHash3 HashBody(SafeFileHandle handle, long length, string path)
    {
        var hash = new XxHash3();
        var buffer = GC.AllocateUninitializedArray<byte>(ReadChunk);
        for (long position = ForestFileHeader.Size; position < length;)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(ReadChunk, length - position)), position);
            if (read == 0)
            {
                throw new InvalidDataException($"'{path}' is truncated: {position:N0} bytes of {length:N0}.");
            }

            hash.Append(buffer.AsSpan(0, read));
            position += read;
        }

        return hash;
    }

    /// <summary>The checksum covers the header (checksum field zeroed) and every byte after it.</summary>
    private static ulong Checksum(ReadOnlySpan<byte> headerWithoutChecksum, XxHash3 body)
    {
        var all = new XxHash3();
        all.Append(headerWithoutChecksum);
        Span<byte> bodyHash = stackalloc byte[8];
        body.GetCurrentHash(bodyHash);
        all.Append(bodyHash);
        return all.GetCurrentHashAsUInt64();
    }

    private static void Pad(FileStream stream, long offset, XxHash3 hash)
    {
        Span<byte> zeros = stackalloc byte[64];
        zeros.Clear();
        while (stream.Position < offset)
        {
            var n = (int)Math.Min(zeros.Length, offset - stream.Position);
            stream.Write(zeros[..n]);
            hash.Append(zeros[..n]);
        }
    }

    private static void Append(FileStream stream, ReadOnlySpan<byte> bytes, XxHash3 hash)
    {
        stream.Write(bytes);
        hash.Append(bytes);
    }

    private sealed class Mapping(MemoryMappedFile file, MemoryMappedViewAccessor view) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
                view.Dispose();
                file.Dispose();
            }
        }
    }
}
