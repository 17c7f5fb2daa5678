using System.Globalization;

namespace VisualRecSys.Engine.Index.Store.VectorFiles;

/// <summary>
/// A file of float32 vectors, one row per item, checked against the dimension the caller expects: where its rows start
/// and how many there are. Made by <see cref="Describe"/>, which reads only the header and the length, so a wrong file
/// costs nothing; <see cref="MappedVectorFile"/> then reads the rows in place.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Format">.npy or raw .f32.</param>
/// <param name="Rows">Vectors in the file.</param>
/// <param name="Dimension">Floats per vector.</param>
/// <param name="DataOffset">Bytes before the first row.</param>
public sealed record VectorFile(string Path, VectorFileFormat Format, long Rows, int Dimension, long DataOffset)
{
    /// <summary>Extension of NumPy files.</summary>
    public const string NpyExtension = ".npy";

    /// <summary>Extension of raw float32 files.</summary>
    public const string RawExtension = ".f32";

    /// <summary>Bytes of the rows.</summary>
    public long DataLength => Rows * Dimension * sizeof(float);

    /// <summary>
    /// Reads the layout of <paramref name="path"/> (<c>.npy</c> or <c>.f32</c> by extension) and checks it holds rows of
    /// <paramref name="dimension"/> little-endian float32 values in row-major order, with exactly the bytes they need.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not such rows; the message says why, naming the file.</exception>
    public static VectorFile Describe(string path, int dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        var extension = System.IO.Path.GetExtension(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        try
        {
            return extension.ToLowerInvariant() switch
            {
                NpyExtension => DescribeNpy(path, stream, dimension),
                RawExtension => DescribeRaw(path, stream.Length, dimension),
                _ => throw new InvalidDataException($"its extension is '{extension}'; give a NumPy {NpyExtension} file or a raw little-endian float32 {RawExtension} file"),
            };
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}.", e);
        }
    }

    private static VectorFile DescribeNpy(string path, FileStream stream, int dimension)
    {
        var header = NpyHeader.Read(stream);
        if (header.Descr != NpyHeader.LittleEndianFloat32)
        {
            throw new InvalidDataException($"its dtype is '{header.Descr}', not little-endian float32 ('{NpyHeader.LittleEndianFloat32}'); save it with array.astype('<f4')");
        }

        if (header.FortranOrder)
        {
            throw new InvalidDataException("it is in Fortran (column-major) order; save it with numpy.ascontiguousarray(array)");
        }

        if (header.Shape.Count != 2)
        {
            throw new InvalidDataException($"its shape is ({string.Join(", ", header.Shape)}); rows of vectors have the shape (rows, dimension)");
        }

        var (rows, columns) = (header.Shape[0], header.Shape[1]);
        if (columns != dimension)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"its vectors have {columns} dimensions (shape ({rows}, {columns})); --dim says {dimension}"));
        }

        var file = new VectorFile(path, VectorFileFormat.Npy, rows, dimension, header.DataOffset);
        file.CheckLength(stream.Length);
        return file;
    }

    private static VectorFile DescribeRaw(string path, long length, int dimension)
    {
        var rowBytes = (long)dimension * sizeof(float);
        if (length % rowBytes != 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"its {length:N0} bytes are not whole rows of {dimension} float32 values ({rowBytes:N0} bytes each): a wrong --dim or a truncated file"));
        }

        var file = new VectorFile(path, VectorFileFormat.RawFloat32, length / rowBytes, dimension, 0);
        file.CheckLength(length);
        return file;
    }

    private void CheckLength(long length)
    {
        if (Rows == 0)
        {
            throw new InvalidDataException("it holds no rows");
        }

        if (Rows > Array.MaxLength)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"it holds {Rows:N0} rows; at most {Array.MaxLength:N0} are imported at once"));
        }

        var expected = DataOffset + DataLength;
        if (length != expected)
        {
            var what = length < expected ? "is truncated" : "has bytes after its rows";
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"it {what}: {Rows:N0} rows × {Dimension} float32 need {expected:N0} bytes, the file has {length:N0}"));
        }
    }
}
