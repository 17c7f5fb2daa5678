using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Index.Store;

/// <summary>
/// <see cref="EmbeddingStoreReader.TryReadHeader"/>: a store's model and dimension from its header alone, as a start at
/// scale asks before anything else of a 4 GB store is read.
/// </summary>
public sealed class EmbeddingStoreHeaderTests : IDisposable
{
    private const string Model = "scale-projected";
    private readonly string _directory = Directory.CreateTempSubdirectory("vrs-store-header-").FullName;

    private string StoreFile => Path.Combine(_directory, Model + ".vecs");

    [Fact]
    public void Reads_the_model_and_dimension_without_checking_the_blocks()
    {
        var vectors = Enumerable.Range(0, 6 * 24).Select(i => (float)Math.Sin(i)).ToArray();
        EmbeddingStore.Save(new EmbeddingMatrix(Model, 24, [1, 2, 3, 4, 5, 6], vectors), _directory);
        // Every block damaged: the header still answers (the blocks are the store reader's to check when it opens).
        var bytes = File.ReadAllBytes(StoreFile);
        bytes[^5] ^= 0x40;
        File.WriteAllBytes(StoreFile, bytes);

        Assert.Equal((Model, 24), EmbeddingStoreReader.TryReadHeader(_directory, Model));
        using var reader = EmbeddingStoreReader.TryOpen(_directory, Model);
        Assert.Equal(0, reader!.Count);
    }

    [Fact]
    public void No_store_is_null()
    {
        Assert.Null(EmbeddingStoreReader.TryReadHeader(_directory, Model));
        Assert.Null(EmbeddingStoreReader.TryReadHeader(Path.Combine(_directory, "missing"), Model));
    }

    [Fact]
    public void A_damaged_or_short_header_is_refused_naming_the_file()
    {
        EmbeddingStore.Save(new EmbeddingMatrix(Model, 4, [1], [1f, 0f, 0f, 0f]), _directory);
        var bytes = File.ReadAllBytes(StoreFile);
        bytes[40] ^= 0x01;
        File.WriteAllBytes(StoreFile, bytes);
        var damaged = Assert.Throws<InvalidDataException>(() => EmbeddingStoreReader.TryReadHeader(_directory, Model));
        Assert.Contains(StoreFile, damaged.Message, StringComparison.Ordinal);

        File.WriteAllBytes(StoreFile, bytes[..100]);
        var shortFile = Assert.Throws<InvalidDataException>(() => EmbeddingStoreReader.TryReadHeader(_directory, Model));
        Assert.Contains("shorter than the 256-byte header", shortFile.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
