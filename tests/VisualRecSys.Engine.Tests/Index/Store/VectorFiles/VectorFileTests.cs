using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Index.Store.VectorFiles;
using VisualRecSys.Testing.Vectors;

namespace VisualRecSys.Engine.Tests.Index.Store.VectorFiles;

/// <summary>
/// Vector files checked against the dimension the caller expects, read in place, checked for NaN/Inf, and appended to an
/// embedding store exactly as they are.
/// </summary>
public sealed class VectorFileTests : IDisposable
{
    private const int Dimension = 6;
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "vrs-vectorfiles-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Describes_an_npy_file_of_each_version(int major)
    {
        var path = PathOf("v.npy");
        NpyFiles.Write(path, NpyFiles.Random(9, Dimension, seed: 1), Dimension, major);

        var file = VectorFile.Describe(path, Dimension);

        Assert.Equal((VectorFileFormat.Npy, 9L, Dimension), (file.Format, file.Rows, file.Dimension));
        Assert.Equal(new FileInfo(path).Length - (9L * Dimension * 4), file.DataOffset);
    }

    [Fact]
    public void Describes_a_raw_file_by_its_length()
    {
        var path = PathOf("v.f32");
        NpyFiles.WriteRaw(path, NpyFiles.Random(11, Dimension, seed: 2));

        var file = VectorFile.Describe(path, Dimension);

        Assert.Equal((VectorFileFormat.RawFloat32, 11L, 0L), (file.Format, file.Rows, file.DataOffset));
    }

    public static TheoryData<string, string> WrongNpyHeaders => new()
    {
        { NpyFiles.Dict(NpyFiles.Shape(4, Dimension), fortranOrder: true), "Fortran (column-major) order" },
        { NpyFiles.Dict(NpyFiles.Shape(4, Dimension), descr: "<f8"), "dtype is '<f8'" },
        { NpyFiles.Dict(NpyFiles.Shape(4, Dimension), descr: ">f4"), "dtype is '>f4'" },
        { NpyFiles.Dict(NpyFiles.Shape(4, Dimension), descr: "<i4"), "dtype is '<i4'" },
        { NpyFiles.Dict(NpyFiles.Shape(4, Dimension + 1)), $"have {Dimension + 1} dimensions (shape (4, {Dimension + 1})); --dim says {Dimension}" },
        { NpyFiles.Dict($"({4 * Dimension},)"), "rows of vectors have the shape (rows, dimension)" },
        { NpyFiles.Dict($"(2, 2, {Dimension})"), "its shape is (2, 2, 6)" },
    };

    [Theory]
    [MemberData(nameof(WrongNpyHeaders))]
    public void Refuses_an_npy_file_that_is_not_c_order_float32_rows_of_the_dimension(string dict, string reason)
    {
        var path = PathOf("v.npy");
        NpyFiles.Write(path, NpyFiles.Random(4, Dimension, seed: 3), Dimension, dict: dict);

        var e = Assert.Throws<InvalidDataException>(() => VectorFile.Describe(path, Dimension));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_truncated_npy_file_and_one_with_bytes_after_its_rows()
    {
        var path = PathOf("v.npy");
        NpyFiles.Write(path, NpyFiles.Random(4, Dimension, seed: 4), Dimension, cutBytes: 3);
        Assert.Contains("is truncated", Assert.Throws<InvalidDataException>(() => VectorFile.Describe(path, Dimension)).Message, StringComparison.Ordinal);

        NpyFiles.Write(path, NpyFiles.Random(4, Dimension, seed: 4), Dimension, dict: NpyFiles.Dict(NpyFiles.Shape(3, Dimension)));
        Assert.Contains("has bytes after its rows", Assert.Throws<InvalidDataException>(() => VectorFile.Describe(path, Dimension)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_raw_file_of_partial_rows_an_empty_one_and_other_extensions()
    {
        var raw = PathOf("v.f32");
        NpyFiles.WriteRaw(raw, NpyFiles.Random(5, Dimension, seed: 5));
        Assert.Contains("not whole rows of 4 float32", Assert.Throws<InvalidDataException>(() => VectorFile.Describe(raw, 4)).Message, StringComparison.Ordinal);

        NpyFiles.WriteRaw(raw, []);
        Assert.Contains("holds no rows", Assert.Throws<InvalidDataException>(() => VectorFile.Describe(raw, Dimension)).Message, StringComparison.Ordinal);

        var csv = PathOf("v.csv");
        File.WriteAllText(csv, "1,2,3");
        Assert.Contains("extension is '.csv'", Assert.Throws<InvalidDataException>(() => VectorFile.Describe(csv, 3)).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => VectorFile.Describe(PathOf("missing.npy"), 3));
    }

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(1, float.PositiveInfinity)]
    [InlineData(2, float.NegativeInfinity)]
    public void Finds_the_first_row_holding_nan_or_infinity(int kind, float bad)
    {
        // Enough rows for several chunks, so the bad one is found past the first.
        var rows = 3 * ((1 << 20) / Dimension) + 17;
        var vectors = NpyFiles.Random(rows, Dimension, seed: 6 + kind);
        var badRow = rows - 20;
        vectors[(badRow * Dimension) + 5] = bad;
        vectors[((rows - 1) * Dimension) + 1] = float.NaN;
        var path = PathOf("v.npy");
        NpyFiles.Write(path, vectors, Dimension);

        using var file = MappedVectorFile.Open(VectorFile.Describe(path, Dimension));

        Assert.Equal(badRow, file.FirstNonFiniteRow());
        var e = Assert.Throws<InvalidDataException>(() => VectorImport.CheckFinite(file, null, CancellationToken.None));
        Assert.Contains($"row {badRow} (0-based) holds NaN or an infinite value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finite_file_passes_its_check_and_reports_every_row()
    {
        var path = PathOf("v.f32");
        NpyFiles.WriteRaw(path, NpyFiles.Random(1000, Dimension, seed: 9));
        using var file = MappedVectorFile.Open(VectorFile.Describe(path, Dimension));
        var reports = new List<VectorImportProgress>();

        VectorImport.CheckFinite(file, new Recorder(reports), CancellationToken.None);

        Assert.Null(file.FirstNonFiniteRow());
        Assert.Equal(new VectorImportProgress(VectorImportStage.Checking, 1000, 1000), reports[^1]);
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 1 << 20)]
    public void Appends_every_row_under_its_id_across_blocks(int major, int blockBytes)
    {
        const int rows = 1000;
        var vectors = NpyFiles.Random(rows, Dimension, seed: 10);
        var ids = Enumerable.Range(0, rows).Select(i => 5000 - (i * 3)).ToArray();
        var path = PathOf("v.npy");
        NpyFiles.Write(path, vectors, Dimension, major);
        var stores = PathOf("embeddings");
        var reports = new List<VectorImportProgress>();

        using (var file = MappedVectorFile.Open(VectorFile.Describe(path, Dimension)))
        using (var writer = EmbeddingStoreWriter.Open(stores, "imported-model", Dimension))
        {
            VectorImport.AppendTo(writer, file, ids, new Recorder(reports), blockBytes, CancellationToken.None);
        }

        using var reader = EmbeddingStoreReader.TryOpen(stores, "imported-model")!;
        Assert.Equal(rows, reader.Count);
        var matrix = reader.ToMatrix();
        for (var i = 0; i < rows; i++)
        {
            Assert.True(matrix.TryGetRow(ids[i], out var row), $"id {ids[i]} missing");
            Assert.Equal(vectors.AsSpan(i * Dimension, Dimension).ToArray(), matrix.Vector(row).ToArray());
        }

        Assert.Equal(new VectorImportProgress(VectorImportStage.Writing, rows, rows), reports[^1]);
        Assert.True(blockBytes > 1000 || reports.Count > 100, "small blocks: one report per block");
    }

    [Fact]
    public void Refuses_ids_that_do_not_match_the_rows_or_a_store_of_another_dimension()
    {
        var path = PathOf("v.f32");
        NpyFiles.WriteRaw(path, NpyFiles.Random(3, Dimension, seed: 11));
        using var file = MappedVectorFile.Open(VectorFile.Describe(path, Dimension));
        using (var writer = EmbeddingStoreWriter.Open(PathOf("a"), "m", Dimension))
        {
            Assert.Throws<ArgumentException>(() => VectorImport.AppendTo(writer, file, [1, 2], null, CancellationToken.None));
        }

        using (var writer = EmbeddingStoreWriter.Open(PathOf("b"), "m", Dimension + 1))
        {
            Assert.Throws<ArgumentException>(() => VectorImport.AppendTo(writer, file, [1, 2, 3], null, CancellationToken.None));
            Assert.Equal(0, writer.Count);
        }
    }

    private sealed class Recorder(List<VectorImportProgress> reports) : IProgress<VectorImportProgress>
    {
        public void Report(VectorImportProgress value) => reports.Add(value);
    }
}
