using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace VisualRecSys.Testing.Vectors;

/// <summary>
/// Writes vector files as the tools people export from write them: NumPy's <c>.npy</c> the way <c>numpy.save</c> lays it
/// out (magic, version, header length, a dict literal padded with spaces to a 64-byte boundary and ended by a newline),
/// and raw little-endian <c>.f32</c>. Knobs for each way a file can be wrong.
/// </summary>
internal static class NpyFiles
{
    /// <summary>numpy.save's header text for a C-order array of <paramref name="shape"/>.</summary>
    public static string Dict(string shape, string descr = "<f4", bool fortranOrder = false) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shape}, }}";

    /// <summary>numpy's form of a 2-d shape: <c>(3, 4)</c>.</summary>
    public static string Shape(long rows, long columns) => string.Create(CultureInfo.InvariantCulture, $"({rows}, {columns})");

    /// <summary>Header bytes (prelude, dict, padding, newline) of format <paramref name="major"/>.0.</summary>
    public static byte[] Header(string dict, int major = 1)
    {
        var prelude = major == 1 ? 10 : 12;
        var text = dict;
        // numpy pads so that the data starts on a 64-byte boundary, counting the final newline.
        var padding = 64 - ((prelude + text.Length + 1) % 64);
        if (padding == 64)
        {
            padding = 0;
        }

        text = text + new string(' ', padding) + "\n";
        var encoded = (major == 3 ? Encoding.UTF8 : Encoding.ASCII).GetBytes(text);
        var header = new byte[prelude + encoded.Length];
        header[0] = 0x93;
        "NUMPY"u8.CopyTo(header.AsSpan(1));
        header[6] = (byte)major;
        header[7] = 0;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)encoded.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)encoded.Length);
        }

        encoded.CopyTo(header, prelude);
        return header;
    }

    /// <summary>Writes <paramref name="vectors"/> (row after row, <paramref name="dimension"/> each) as an .npy file.</summary>
    public static void Write(string path, float[] vectors, int dimension, int major = 1, string? dict = null, int cutBytes = 0)
    {
        var rows = vectors.Length / dimension;
        var header = Header(dict ?? Dict(Shape(rows, dimension)), major);
        var data = MemoryMarshal.AsBytes(vectors.AsSpan()).ToArray();
        var bytes = header.Concat(data).ToArray();
        File.WriteAllBytes(path, bytes[..^cutBytes]);
    }

    /// <summary>Writes <paramref name="vectors"/> as raw little-endian float32.</summary>
    public static void WriteRaw(string path, float[] vectors) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(vectors.AsSpan()).ToArray());

    /// <summary>Writes an ids CSV: the header, then one value per line.</summary>
    public static void WriteIds(string path, string header, IEnumerable<object> values) =>
        File.WriteAllLines(path, [header, .. values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!)]);

    /// <summary><paramref name="rows"/> × <paramref name="dimension"/> seeded values in −1..1.</summary>
    public static float[] Random(int rows, int dimension, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * dimension).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }
}
