using System.Text;
using VisualRecSys.Engine.Index.Store.VectorFiles;
using VisualRecSys.Testing.Vectors;

namespace VisualRecSys.Engine.Tests.Index.Store.VectorFiles;

/// <summary>The .npy header as numpy.save writes it in format versions 1.0, 2.0 and 3.0, and the ways it can be wrong.</summary>
public sealed class NpyHeaderTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 12)]
    [InlineData(3, 12)]
    public void Reads_each_format_version_with_its_length_field_and_padding(int major, int prelude)
    {
        var header = NpyFiles.Header(NpyFiles.Dict(NpyFiles.Shape(1000, 512)), major);

        var read = NpyHeader.Read(new MemoryStream(header));

        Assert.Equal(NpyHeader.LittleEndianFloat32, read.Descr);
        Assert.False(read.FortranOrder);
        Assert.Equal([1000L, 512L], read.Shape);
        // The data starts right after the padded header, on numpy's 64-byte boundary.
        Assert.Equal(header.Length, read.DataOffset);
        Assert.Equal(0, read.DataOffset % 64);
        Assert.True(read.DataOffset > prelude);
    }

    [Fact]
    public void Reads_a_header_numpy_wrote_byte_for_byte()
    {
        // np.save of np.zeros((2, 3), '<f4') with numpy 1.26: 10-byte prelude, 118 bytes of dict, spaces and newline.
        var dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        var bytes = new byte[128];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1;
        bytes[8] = 118;
        Encoding.ASCII.GetBytes(dict.PadRight(117) + "\n").CopyTo(bytes, 10);

        var read = NpyHeader.Read(new MemoryStream(bytes));

        Assert.Equal([2L, 3L], read.Shape);
        Assert.Equal(128L, read.DataOffset);
    }

    [Theory]
    [InlineData("(3, 4)", new long[] { 3, 4 })]
    [InlineData("(3,4)", new long[] { 3, 4 })]
    [InlineData("( 3 , 4 , )", new long[] { 3, 4 })]
    [InlineData("(3L, 4L)", new long[] { 3, 4 })]
    [InlineData("(7,)", new long[] { 7 })]
    [InlineData("()", new long[0])]
    [InlineData("(2000000, 512)", new long[] { 2_000_000, 512 })]
    public void Reads_shapes_as_python_writes_tuples(string shape, long[] expected)
    {
        var read = NpyHeader.Parse(NpyFiles.Dict(shape), 64);

        Assert.Equal(expected, read.Shape);
    }

    [Fact]
    public void Reads_keys_in_any_order_with_either_quote()
    {
        var read = NpyHeader.Parse("{\"shape\": (5, 2), \"fortran_order\": True, \"descr\": \">f8\"}  \n", 64);

        Assert.Equal((">f8", true, 2), (read.Descr, read.FortranOrder, read.Shape.Count));
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "'shape'")]
    [InlineData("{'descr': '<f4', 'shape': (3, 4)}", "'fortran_order'")]
    [InlineData("{'fortran_order': False, 'shape': (3, 4)}", "'descr'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, -4)}", "non-negative integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': maybe, 'shape': (3, 4)}", "True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)} junk", "text after the dict")]
    [InlineData("'descr': '<f4'", "'{' expected")]
    [InlineData("{'descr: '<f4'}", "expected")]
    public void Refuses_a_header_that_is_not_a_dict_numpy_writes(string text, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyHeader.Parse(text, 64));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_other_magic_other_versions_and_cut_headers()
    {
        var good = NpyFiles.Header(NpyFiles.Dict(NpyFiles.Shape(3, 4)));
        var notNpy = (byte[])good.Clone();
        notNpy[1] = (byte)'X';
        var version4 = (byte[])good.Clone();
        version4[6] = 4;

        Assert.Contains("not a NumPy .npy file", Assert.Throws<InvalidDataException>(() => NpyHeader.Read(new MemoryStream(notNpy))).Message, StringComparison.Ordinal);
        Assert.Contains("version 4.0", Assert.Throws<InvalidDataException>(() => NpyHeader.Read(new MemoryStream(version4))).Message, StringComparison.Ordinal);
        Assert.Contains("cut short", Assert.Throws<InvalidDataException>(() => NpyHeader.Read(new MemoryStream(good[..40]))).Message, StringComparison.Ordinal);
        Assert.Contains("not a NumPy", Assert.Throws<InvalidDataException>(() => NpyHeader.Read(new MemoryStream(good[..5]))).Message, StringComparison.Ordinal);
    }
}
