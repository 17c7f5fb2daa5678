using System.Buffers.Binary;
using System.IO.Compression;

namespace VisualRecSys.Data.Importing.FashionMnist;

/// <summary>Reads unsigned-byte IDX files (the MNIST format), gzipped or plain.</summary>
/// <remarks>
/// An IDX file is a big-endian header — a magic number whose third byte is the element type
/// (0x08 = unsigned byte) and whose fourth is the number of dimensions, then one 32-bit size per
/// dimension — followed by the elements. Gzip is recognised by its signature, not by the file name.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of a 3-dimensional unsigned-byte file (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of a 1-dimensional unsigned-byte file (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The largest payload accepted, so a corrupt header cannot ask for a huge allocation.</summary>
    public const long MaxPayloadBytes = 1_000_000_000;

    // Grow the buffer as data actually arrives: a tiny corrupt .gz claiming a huge size then fails
    // as truncated before most of that memory is allocated.
    private const int InitialChunkBytes = 16 << 20;

    /// <summary>Reads an IDX image file (magic 0x00000803).</summary>
    /// <param name="path">The file, gzipped or plain.</param>
    /// <returns>The images.</returns>
    /// <exception cref="InvalidDataException">Wrong magic number, invalid or absurd sizes, or truncated or corrupt data.</exception>
    /// <exception cref="FileNotFoundException"><paramref name="path"/> does not exist.</exception>
    public static IdxImageSet ReadImages(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = Open(path);
        try
        {
            CheckMagic(stream, path, ImagesMagic, "image");
            var count = ReadSize(stream, path, "image count");
            var rows = ReadSize(stream, path, "row count");
            var columns = ReadSize(stream, path, "column count");
            var length = (long)count * rows * columns;
            var pixels = ReadPayload(stream, path, length, $"{count} images of {rows}×{columns}");
            return new IdxImageSet(count, rows, columns, pixels);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"IDX file '{path}' is truncated: the header ends early.", ex);
        }
    }

    /// <summary>Reads an IDX label file (magic 0x00000801).</summary>
    /// <param name="path">The file, gzipped or plain.</param>
    /// <returns>One byte per label.</returns>
    /// <exception cref="InvalidDataException">Wrong magic number, an absurd count, or truncated or corrupt data.</exception>
    /// <exception cref="FileNotFoundException"><paramref name="path"/> does not exist.</exception>
    public static byte[] ReadLabels(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = Open(path);
        try
        {
            CheckMagic(stream, path, LabelsMagic, "label");
            var count = ReadSize(stream, path, "label count");
            return ReadPayload(stream, path, count, $"{count} labels");
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"IDX file '{path}' is truncated: the header ends early.", ex);
        }
    }

    private static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            Span<byte> signature = stackalloc byte[2];
            var read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
            file.Position = 0;
            // An IDX file always starts with two zero bytes, so the gzip signature cannot be mistaken for one.
            return read == 2 && signature[0] == 0x1f && signature[1] == 0x8b
                ? new GZipStream(file, CompressionMode.Decompress)
                : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static void CheckMagic(Stream stream, string path, int expected, string kind)
    {
        var magic = ReadInt32(stream, path);
        if (magic != expected)
        {
            throw new InvalidDataException(
                $"'{path}' is not an IDX {kind} file: magic number 0x{magic:X8}, expected 0x{expected:X8}.");
        }
    }

    private static int ReadSize(Stream stream, string path, string what)
    {
        var value = ReadInt32(stream, path);
        if (value < 0 || value > MaxPayloadBytes)
        {
            throw new InvalidDataException($"IDX file '{path}' has an invalid {what}: {value}.");
        }

        return value;
    }

    private static int ReadInt32(Stream stream, string path)
    {
        Span<byte> buffer = stackalloc byte[4];
        ReadExactly(stream, path, buffer);
        return BinaryPrimitives.ReadInt32BigEndian(buffer);
    }

    private static byte[] ReadPayload(Stream stream, string path, long length, string description)
    {
        if (length > MaxPayloadBytes)
        {
            throw new InvalidDataException(
                $"IDX file '{path}' declares {description} ({length} bytes), more than the limit of {MaxPayloadBytes} bytes.");
        }

        // Plain files: compare with the real size before allocating anything.
        if (stream.CanSeek && stream.Length - stream.Position < length)
        {
            throw Truncated(path, description, stream.Length - stream.Position, length, null);
        }

        var buffer = new byte[Math.Min(length, InitialChunkBytes)];
        var filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(length, (long)buffer.Length * 2));
            }

            var read = ReadSome(stream, path, buffer.AsSpan(filled));
            if (read == 0)
            {
                throw Truncated(path, description, filled, length, null);
            }

            filled += read;
        }

        return buffer;
    }

    private static void ReadExactly(Stream stream, string path, Span<byte> buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = ReadSome(stream, path, buffer[filled..]);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            filled += read;
        }
    }

    private static int ReadSome(Stream stream, string path, Span<byte> buffer)
    {
        try
        {
            return stream.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            // GZipStream's own message does not say which file.
            throw new InvalidDataException($"IDX file '{path}' has corrupt gzip data: {ex.Message}", ex);
        }
    }

    private static InvalidDataException Truncated(string path, string description, long available, long expected, Exception? inner) =>
        new($"IDX file '{path}' is truncated: {description} need {expected} bytes of data but only {available} are present.", inner);
}
