using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace VisualRecSys.Engine.Index;

/// <summary>
/// Saves and loads an <see cref="EmbeddingMatrix"/> as two files in a folder: <c>&lt;modelId&gt;.f32</c> (vectors)
/// and <c>&lt;modelId&gt;.ids</c> (ids).
/// </summary>
/// <remarks>
/// <para>Formats, all little-endian:</para>
/// <list type="bullet">
/// <item><c>.f32</c>: "VRSE", int32 version (1), int32 dimension, int32 count, 8-byte save token, then count × dimension float32.</item>
/// <item><c>.ids</c>: "VRSI", int32 version (1), int32 count, 8-byte save token, then count int32.</item>
/// </list>
/// <para>
/// Each file is written to a temporary file, flushed to disk and renamed over the old one (<c>.ids</c> first,
/// <c>.f32</c> last), so a reader never sees a half-written file. A crash between the two renames would pair files
/// from different saves; the random save token written into both headers catches that (and any count mismatch),
/// and loading then fails with <see cref="InvalidDataException"/> instead of returning mismatched ids and vectors.
/// </para>
/// </remarks>
public static partial class EmbeddingStore
{
    /// <summary>Extension of the vectors file.</summary>
    public const string VectorsExtension = ".f32";

    /// <summary>Extension of the ids file.</summary>
    public const string IdsExtension = ".ids";

    private const int FormatVersion = 1;
    private const int VectorsHeaderLength = 24;
    private const int IdsHeaderLength = 20;
    private static ReadOnlySpan<byte> VectorsMagic => "VRSE"u8;
    private static ReadOnlySpan<byte> IdsMagic => "VRSI"u8;

    /// <summary>Writes <paramref name="matrix"/> to <paramref name="directory"/>, creating it if needed and replacing earlier files.</summary>
    public static void Save(EmbeddingMatrix matrix, string directory)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var (vectorsPath, idsPath) = PathsFor(directory, matrix.ModelId);
        Directory.CreateDirectory(directory);

        var token = RandomNumberGenerator.GetBytes(8);

        Span<byte> idsHeader = stackalloc byte[IdsHeaderLength];
        IdsMagic.CopyTo(idsHeader);
        BinaryPrimitives.WriteInt32LittleEndian(idsHeader[4..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(idsHeader[8..], matrix.Count);
        token.CopyTo(idsHeader[12..]);

        Span<byte> vectorsHeader = stackalloc byte[VectorsHeaderLength];
        VectorsMagic.CopyTo(vectorsHeader);
        BinaryPrimitives.WriteInt32LittleEndian(vectorsHeader[4..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(vectorsHeader[8..], matrix.Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(vectorsHeader[12..], matrix.Count);
        token.CopyTo(vectorsHeader[16..]);

        WriteAtomically(idsPath, idsHeader, MemoryMarshal.AsBytes(matrix.Ids));
        WriteAtomically(vectorsPath, vectorsHeader, MemoryMarshal.AsBytes(matrix.Vectors.Span));
    }

    /// <summary>
    /// Loads the matrix saved for <paramref name="modelId"/> in <paramref name="directory"/>, or returns
    /// <see langword="null"/> when neither file exists.
    /// </summary>
    /// <exception cref="InvalidDataException">Only one file exists, or a file is truncated, corrupt or from another save.</exception>
    public static EmbeddingMatrix? TryLoad(string directory, string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var (vectorsPath, idsPath) = PathsFor(directory, modelId);
        var hasVectors = File.Exists(vectorsPath);
        var hasIds = File.Exists(idsPath);
        if (!hasVectors && !hasIds)
        {
            return null;
        }

        if (!hasVectors || !hasIds)
        {
            throw new InvalidDataException(
                $"Found '{(hasVectors ? vectorsPath : idsPath)}' but not '{(hasVectors ? idsPath : vectorsPath)}'; the embeddings must be rebuilt.");
        }

        Span<byte> idsHeader = stackalloc byte[IdsHeaderLength];
        Span<byte> vectorsHeader = stackalloc byte[VectorsHeaderLength];
        using var idsFile = File.OpenHandle(idsPath);
        using var vectorsFile = File.OpenHandle(vectorsPath);
        ReadHeader(idsFile, idsPath, idsHeader, IdsMagic);
        ReadHeader(vectorsFile, vectorsPath, vectorsHeader, VectorsMagic);

        var idCount = BinaryPrimitives.ReadInt32LittleEndian(idsHeader[8..]);
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(vectorsHeader[8..]);
        var vectorCount = BinaryPrimitives.ReadInt32LittleEndian(vectorsHeader[12..]);
        if (dimension <= 0 || vectorCount < 0 || idCount < 0)
        {
            throw Corrupt(vectorsPath, $"it declares dimension {dimension}, {vectorCount} vectors and {idCount} ids");
        }

        if (idCount != vectorCount || !idsHeader.Slice(12, 8).SequenceEqual(vectorsHeader.Slice(16, 8)))
        {
            throw new InvalidDataException(
                $"'{idsPath}' ({idCount} ids) and '{vectorsPath}' ({vectorCount} vectors) are not from the same save; the embeddings must be rebuilt.");
        }

        var floatCount = (long)vectorCount * dimension;
        if (floatCount > Array.MaxLength)
        {
            throw Corrupt(vectorsPath, $"it declares {floatCount} floats, more than an array can hold");
        }

        CheckLength(idsFile, idsPath, IdsHeaderLength + (4L * idCount));
        CheckLength(vectorsFile, vectorsPath, VectorsHeaderLength + (4L * floatCount));

        var ids = new int[idCount];
        var vectors = new float[floatCount];
        ReadExactly(idsFile, idsPath, MemoryMarshal.AsBytes(ids.AsSpan()), IdsHeaderLength);
        ReadExactly(vectorsFile, vectorsPath, MemoryMarshal.AsBytes(vectors.AsSpan()), VectorsHeaderLength);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(ids, ids);
            var bits = MemoryMarshal.Cast<float, int>(vectors.AsSpan());
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }

        try
        {
            return new EmbeddingMatrix(modelId, dimension, ids, vectors);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The embeddings in '{directory}' for '{modelId}' are corrupt: {e.Message}", e);
        }
    }

    private static (string Vectors, string Ids) PathsFor(string directory, string modelId)
    {
        // The model id becomes a file name: allow nothing that could leave the folder or confuse the file system.
        if (string.IsNullOrEmpty(modelId) || !SafeModelId().IsMatch(modelId))
        {
            throw new ArgumentException(
                $"Model id '{modelId}' cannot be used as a file name: use letters, digits, '.', '-' and '_' (not first).", nameof(modelId));
        }

        return (Path.Combine(directory, modelId + VectorsExtension), Path.Combine(directory, modelId + IdsExtension));
    }

    private static void WriteAtomically(string path, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        // A unique temporary name, so two processes saving at once cannot write into each other's file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(header);
                if (BitConverter.IsLittleEndian)
                {
                    stream.Write(payload);
                }
                else
                {
                    WriteLittleEndian(stream, payload);
                }

                // Data reaches the disk before the rename makes it visible.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void WriteLittleEndian(FileStream stream, ReadOnlySpan<byte> payload)
    {
        // Both payloads are 4-byte values; swap each before writing.
        Span<byte> value = stackalloc byte[4];
        for (var i = 0; i < payload.Length; i += 4)
        {
            value[0] = payload[i + 3];
            value[1] = payload[i + 2];
            value[2] = payload[i + 1];
            value[3] = payload[i];
            stream.Write(value);
        }
    }

    private static void ReadHeader(Microsoft.Win32.SafeHandles.SafeFileHandle file, string path, Span<byte> header, ReadOnlySpan<byte> magic)
    {
        if (RandomAccess.GetLength(file) < header.Length)
        {
            throw Corrupt(path, "it is shorter than its header");
        }

        ReadExactly(file, path, header, 0);
        if (!header[..4].SequenceEqual(magic))
        {
            throw Corrupt(path, $"it does not start with \"{System.Text.Encoding.ASCII.GetString(magic)}\"");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (version != FormatVersion)
        {
            throw Corrupt(path, $"it has format version {version}; this build reads version {FormatVersion}");
        }
    }

    private static void CheckLength(Microsoft.Win32.SafeHandles.SafeFileHandle file, string path, long expected)
    {
        var actual = RandomAccess.GetLength(file);
        if (actual != expected)
        {
            throw Corrupt(path, $"it is {actual} bytes but its header implies {expected} ({(actual < expected ? "truncated" : "trailing data")})");
        }
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle file, string path, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
            {
                throw Corrupt(path, "it ended early");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }

    private static InvalidDataException Corrupt(string path, string why) =>
        new($"'{path}' is not a valid embeddings file: {why}. Delete it to rebuild the embeddings.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeModelId();
}
