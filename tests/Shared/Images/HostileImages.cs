using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace VisualRecSys.Testing.Images;

/// <summary>
/// Images that real uploads contain and decoders get wrong: decompression bombs, 16-bit PNGs, animated GIFs, CMYK
/// JPEGs, EXIF-rotated photos. Written byte by byte here (except the CMYK JPEG, which no library at hand encodes), so
/// each test states exactly what it sends.
/// </summary>
internal static class HostileImages
{
    /// <summary>Folder of the committed samples in the test output (see the README beside this file).</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "HostileImages");

    /// <summary>
    /// A 96 × 64 JPEG in CMYK with Adobe's inverted samples (as Photoshop writes them): a sky-blue to orange gradient,
    /// a crimson circle centred at (34, 32) and a sea-green rectangle from (58, 12) to (82, 52).
    /// </summary>
    public static byte[] CmykJpeg() => File.ReadAllBytes(Path.Combine(Directory, "cmyk.jpg"));

    /// <summary>
    /// A well-formed greyscale PNG whose header claims <paramref name="width"/> × <paramref name="height"/> pixels, with one
    /// compressed row of data: a decompression bomb in miniature (decoding it would need width × height × 4 bytes).
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[width + 1]); // filter byte + one row of zeros
        }

        return Png(width, height, bitDepth: 8, colourType: 0, compressed.ToArray());
    }

    /// <summary>
    /// A 16-bit-per-sample PNG, <paramref name="width"/> × <paramref name="height"/>: RGB with the left half pure red and
    /// the right half pure blue, or (<paramref name="colour"/> false) greyscale with a horizontal ramp from black to white.
    /// </summary>
    public static byte[] Png16Bit(int width, int height, bool colour)
    {
        var channels = colour ? 3 : 1;
        var rowBytes = 1 + (width * channels * 2);
        var raw = new byte[rowBytes * height];
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * rowBytes, rowBytes);
            row[0] = 0; // no filter
            for (var x = 0; x < width; x++)
            {
                var pixel = row.Slice(1 + (x * channels * 2), channels * 2);
                if (colour)
                {
                    var red = x < width / 2;
                    BinaryPrimitives.WriteUInt16BigEndian(pixel, red ? (ushort)0xFFFF : (ushort)0);
                    BinaryPrimitives.WriteUInt16BigEndian(pixel[2..], 0);
                    BinaryPrimitives.WriteUInt16BigEndian(pixel[4..], red ? (ushort)0 : (ushort)0xFFFF);
                }
                else
                {
                    BinaryPrimitives.WriteUInt16BigEndian(pixel, (ushort)(x * 0xFFFF / Math.Max(1, width - 1)));
                }
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return Png(width, height, bitDepth: 16, colourType: colour ? (byte)2 : (byte)0, compressed.ToArray());
    }

    /// <summary>
    /// A looping GIF89a of <paramref name="width"/> × <paramref name="height"/> with one solid frame per colour
    /// (RGB triples), 0.1 s each. With one colour it is a still GIF of that frame.
    /// </summary>
    public static byte[] Gif(int width, int height, params (byte R, byte G, byte B)[] frames)
    {
        ArgumentOutOfRangeException.ThrowIfZero(frames.Length);
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        WriteUInt16(output, width);
        WriteUInt16(output, height);
        output.WriteByte(0xF7); // global colour table of 256 entries, 8 bits per channel
        output.WriteByte(0);    // background colour index
        output.WriteByte(0);    // no aspect ratio
        var palette = new byte[256 * 3];
        for (var i = 0; i < frames.Length; i++)
        {
            (palette[3 * i], palette[(3 * i) + 1], palette[(3 * i) + 2]) = frames[i];
        }

        output.Write(palette);
        if (frames.Length > 1)
        {
            // NETSCAPE2.0 application extension: loop forever.
            output.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]);
        }

        for (var i = 0; i < frames.Length; i++)
        {
            output.Write([0x21, 0xF9, 0x04, 0x00, 10, 0, 0x00, 0x00]); // graphic control: 10 × 1/100 s, no transparency
            output.WriteByte(0x2C);
            WriteUInt16(output, 0);
            WriteUInt16(output, 0);
            WriteUInt16(output, width);
            WriteUInt16(output, height);
            output.WriteByte(0); // no local colour table, not interlaced
            WriteUncompressedLzw(output, (byte)i, width * height);
        }

        output.WriteByte(0x3B);
        return output.ToArray();
    }

    /// <summary>
    /// <paramref name="jpeg"/> with an EXIF APP1 segment (little-endian TIFF, one IFD entry) setting Orientation
    /// (tag 0x0112) to <paramref name="orientation"/> (1–8), inserted right after the start-of-image marker.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
            0x01, 0x00,
            0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (byte)orientation, (byte)(orientation >> 8), 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ];
        byte[] exifId = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
        var segmentLength = 2 + exifId.Length + tiff.Length;
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2); // SOI
        output.Write([0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength]);
        output.Write(exifId);
        output.Write(tiff);
        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    private static byte[] Png(int width, int height, byte bitDepth, byte colourType, byte[] compressedRows)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colourType;
        WriteChunk(output, "IHDR"u8, header);
        WriteChunk(output, "IDAT"u8, compressedRows);
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }

    /// <summary>
    /// Image data of <paramref name="pixels"/> pixels all of palette entry <paramref name="index"/>, as LZW that never
    /// compresses: 9-bit literal codes with a clear code before the table would need 10 bits. Every decoder reads it.
    /// </summary>
    private static void WriteUncompressedLzw(Stream output, byte index, int pixels)
    {
        const int minimumCodeSize = 8;
        const int clear = 256;
        const int end = 257;
        const int literalsPerClear = 250; // the table grows by one per code after the first; 9 bits last to code 511

        var bits = new List<byte>();
        int accumulator = 0, used = 0;
        void Emit(int code)
        {
            accumulator |= code << used;
            used += 9;
            while (used >= 8)
            {
                bits.Add((byte)accumulator);
                accumulator >>= 8;
                used -= 8;
            }
        }

        for (var done = 0; done < pixels; done++)
        {
            if (done % literalsPerClear == 0)
            {
                Emit(clear);
            }

            Emit(index);
        }

        Emit(end);
        if (used > 0)
        {
            bits.Add((byte)accumulator);
        }

        output.WriteByte(minimumCodeSize);
        for (var at = 0; at < bits.Count; at += 255)
        {
            var length = Math.Min(255, bits.Count - at);
            output.WriteByte((byte)length);
            output.Write(bits.GetRange(at, length).ToArray());
        }

        output.WriteByte(0); // block terminator
    }

    private static void WriteUInt16(Stream output, int value)
    {
        output.WriteByte((byte)value);
        output.WriteByte((byte)(value >> 8));
    }
}
