using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace VisualRecSys.Engine.Index.Store;

/// <summary>
/// The layout of an embedding store file (<c>&lt;model id&gt;.vecs</c>), all little-endian.
/// </summary>
/// <remarks>
/// <para>Header, 256 bytes, written once when the file is created (through a temporary file, so it is never partial):
/// "VRSV", uint32 version (2), int32 dimension, int32 header length (256), int64 creation time (Unix ms),
/// uint16 model id length, the model id in UTF-8 (at most 128 bytes), zeros, and at byte 248 the XxHash3 of bytes 0–247.</para>
/// <para>Then blocks, each appended with one write: "VRSB", int32 row count n (≥ 1), int64 index of its first row in the
/// file, uint64 XxHash3 of those 16 bytes followed by the payload, then the payload: n int32 ids and n × dimension float32.
/// A block is valid only if it is complete and its checksum matches; reading stops at the first one that is not.</para>
/// </remarks>
internal static class StoreFormat
{
    public const uint Version = 2;
    public const int HeaderLength = 256;
    public const int MaxModelIdBytes = 128;
    public const int BlockHeaderLength = 24;
    private const int ModelIdOffset = 26;
    private const int HeaderChecksumOffset = 248;
    private const int BlockChecksumOffset = 16;

    public static ReadOnlySpan<byte> Magic => "VRSV"u8;

    public static ReadOnlySpan<byte> BlockMagic => "VRSB"u8;

    /// <summary>Bytes of a block of <paramref name="rows"/> rows.</summary>
    public static long BlockLength(int rows, int dimension) => BlockHeaderLength + (4L * rows * (1L + dimension));

    public static void WriteHeader(Span<byte> header, string modelId, int dimension, DateTimeOffset created)
    {
        header[..HeaderLength].Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], dimension);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], HeaderLength);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], created.ToUnixTimeMilliseconds());
        var length = Encoding.UTF8.GetBytes(modelId, header[ModelIdOffset..(ModelIdOffset + MaxModelIdBytes)]);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], (ushort)length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[HeaderChecksumOffset..], XxHash3.HashToUInt64(header[..HeaderChecksumOffset]));
    }

    /// <summary>Reads and checks a header.</summary>
    /// <exception cref="InvalidDataException">It is not a valid header; the message says why.</exception>
    public static (string ModelId, int Dimension, DateTimeOffset Created) ReadHeader(ReadOnlySpan<byte> header, long fileLength, string path)
    {
        if (fileLength < HeaderLength)
        {
            throw Corrupt(path, $"it is {fileLength} bytes, shorter than the {HeaderLength}-byte header");
        }

        header = header[..HeaderLength];
        if (!header[..4].SequenceEqual(Magic))
        {
            throw Corrupt(path, "it does not start with \"VRSV\"");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(header[HeaderChecksumOffset..]) != XxHash3.HashToUInt64(header[..HeaderChecksumOffset]))
        {
            throw Corrupt(path, "its header fails its checksum");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (version != Version || headerLength != HeaderLength)
        {
            throw Corrupt(path, $"it has format version {version}; this build reads version {Version}");
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var idLength = BinaryPrimitives.ReadUInt16LittleEndian(header[24..]);
        if (dimension <= 0 || idLength is 0 or > MaxModelIdBytes)
        {
            throw Corrupt(path, $"it declares dimension {dimension} and a {idLength}-byte model id");
        }

        var modelId = Encoding.UTF8.GetString(header.Slice(ModelIdOffset, idLength));
        var created = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(header[16..]));
        return (modelId, dimension, created);
    }

    /// <summary>Writes a block's header (with its checksum) for a payload already in place after it.</summary>
    public static void SealBlock(Span<byte> block, int rows, long firstRow)
    {
        BlockMagic.CopyTo(block);
        BinaryPrimitives.WriteInt32LittleEndian(block[4..], rows);
        BinaryPrimitives.WriteInt64LittleEndian(block[8..], firstRow);
        BinaryPrimitives.WriteUInt64LittleEndian(block[BlockChecksumOffset..], BlockChecksum(block));
    }

    /// <summary>
    /// Walks the blocks after the header and returns the valid ones, up to the first that is incomplete, out of place or
    /// fails its checksum (<paramref name="stop"/> says which, or is null when the file ends cleanly).
    /// </summary>
    /// <param name="file">The mapped file.</param>
    /// <param name="length">Its length in bytes (may exceed 2 GiB).</param>
    /// <param name="dimension">Floats per vector, from the header.</param>
    /// <param name="validLength">Bytes up to the end of the last valid block.</param>
    /// <param name="stop">Why the walk stopped early, or null.</param>
    public static unsafe List<StoreBlock> Scan(byte* file, long length, int dimension, out long validLength, out string? stop)
    {
        var blocks = new List<StoreBlock>();
        long position = HeaderLength;
        long rows = 0;
        stop = null;
        while (position < length)
        {
            var remaining = length - position;
            if (remaining < BlockHeaderLength)
            {
                stop = "an incomplete block header (an interrupted write)";
                break;
            }

            var header = new ReadOnlySpan<byte>(file + position, BlockHeaderLength);
            var count = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            var firstRow = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
            if (!header[..4].SequenceEqual(BlockMagic) || count <= 0 || firstRow != rows)
            {
                stop = "bytes that are not the next block (corruption)";
                break;
            }

            var blockLength = BlockLength(count, dimension);
            if (blockLength > remaining)
            {
                stop = "an incomplete block (an interrupted write)";
                break;
            }

            if (blockLength > int.MaxValue)
            {
                stop = "a block larger than any this store writes (corruption)";
                break;
            }

            var block = new ReadOnlySpan<byte>(file + position, (int)blockLength);
            if (BinaryPrimitives.ReadUInt64LittleEndian(header[BlockChecksumOffset..]) != BlockChecksum(block))
            {
                stop = "a block that fails its checksum (an interrupted write or corruption)";
                break;
            }

            blocks.Add(new StoreBlock(position, count, firstRow));
            rows += count;
            position += blockLength;
        }

        validLength = position;
        return blocks;
    }

    public static InvalidDataException Corrupt(string path, string why) =>
        new($"'{path}' is not a valid embedding store: {why}. Delete it (or move it away) to embed the products again.");

    private static ulong BlockChecksum(ReadOnlySpan<byte> block)
    {
        var hash = new XxHash3();
        hash.Append(block[..BlockChecksumOffset]);
        hash.Append(block[BlockHeaderLength..]);
        return hash.GetCurrentHashAsUInt64();
    }
}

/// <summary>A valid block: where it starts, how many rows, and the index of its first row.</summary>
internal readonly record struct StoreBlock(long Offset, int Rows, long FirstRow);
