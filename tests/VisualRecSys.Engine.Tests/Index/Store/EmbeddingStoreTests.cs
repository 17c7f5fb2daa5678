using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Index.Store;

public sealed class EmbeddingStoreTests : IDisposable
{
    private const string Model = "resnet18-0123456789ab";
    private const int HeaderLength = 256;
    private const int BlockHeaderLength = 24;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string StoreFile => Path.Combine(_directory, Model + ".vecs");

    private static EmbeddingMatrix Matrix(int count, int dimension, int seed, int firstId = -5)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, count).Select(i => firstId + (i * 13)).ToArray();
        var vectors = Enumerable.Range(0, count * dimension).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        return new EmbeddingMatrix(Model, dimension, ids, vectors);
    }

    private static long BlockBytes(int rows, int dimension) => BlockHeaderLength + (4L * rows * (1 + dimension));

    /// <summary>Appends the rows of <paramref name="matrix"/> in blocks of <paramref name="blockRows"/>.</summary>
    private void Append(EmbeddingMatrix matrix, int blockRows)
    {
        using var writer = EmbeddingStoreWriter.Open(_directory, Model, matrix.Dimension);
        for (var first = 0; first < matrix.Count; first += blockRows)
        {
            var rows = Math.Min(blockRows, matrix.Count - first);
            writer.Append(matrix.Ids.Slice(first, rows), matrix.Vectors.Span.Slice(first * matrix.Dimension, rows * matrix.Dimension));
        }
    }

    [Fact]
    public void Round_trips_ordered_by_id()
    {
        var saved = Matrix(50, 512, seed: 1);
        EmbeddingStore.Save(saved, _directory);

        var loaded = EmbeddingStore.TryLoad(_directory, Model);

        Assert.NotNull(loaded);
        Assert.Equal((Model, 512, 50), (loaded.ModelId, loaded.Dimension, loaded.Count));
        Assert.Equal(saved.Ids.ToArray(), loaded.Ids.ToArray());
        Assert.Equal(saved.Vectors.ToArray(), loaded.Vectors.ToArray());
        Assert.Equal(HeaderLength + BlockBytes(50, 512), new FileInfo(StoreFile).Length);
        Assert.Equal("VRSV"u8.ToArray(), File.ReadAllBytes(StoreFile)[..4]);
        Assert.Equal([Model + ".vecs", Model + ".vecs.lock"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Appends_add_blocks_without_rewriting_what_is_there()
    {
        var all = Matrix(10, 8, seed: 2);
        var firstHalf = new EmbeddingMatrix(Model, 8, all.Ids[..6].ToArray(), all.Vectors.Span[..48].ToArray());
        var secondHalf = new EmbeddingMatrix(Model, 8, all.Ids[6..].ToArray(), all.Vectors.Span[48..].ToArray());

        Append(firstHalf, blockRows: 4);
        var before = File.ReadAllBytes(StoreFile);
        Append(secondHalf, blockRows: 3);
        var after = File.ReadAllBytes(StoreFile);

        Assert.Equal(before, after[..before.Length]);
        Assert.Equal(HeaderLength + BlockBytes(4, 8) + BlockBytes(2, 8) + BlockBytes(3, 8) + BlockBytes(1, 8), after.Length);
        using (var writer = EmbeddingStoreWriter.Open(_directory, Model, 8))
        {
            Assert.Equal(10, writer.Count);
            Assert.True(all.Ids.ToArray().All(writer.Contains));
            Assert.Equal(0, writer.DroppedBytes);
        }

        Assert.Equal(all.Vectors.ToArray(), EmbeddingStore.TryLoad(_directory, Model)!.Vectors.ToArray());
    }

    [Fact]
    public void An_id_appended_again_keeps_its_latest_vector()
    {
        Append(Matrix(3, 4, seed: 1, firstId: 1), blockRows: 3);
        var again = Matrix(1, 4, seed: 9, firstId: 14);
        Append(again, blockRows: 1);

        var loaded = EmbeddingStore.TryLoad(_directory, Model)!;

        Assert.Equal([1, 14, 27], loaded.Ids.ToArray());
        Assert.True(loaded.TryGetRow(14, out var row));
        Assert.Equal(again.Vector(0).ToArray(), loaded.Vector(row).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(30)] // into the last block's header
    public void A_truncated_last_block_is_ignored_and_cut_off_by_the_next_writer(int bytesCut)
    {
        var matrix = Matrix(9, 4, seed: 3);
        Append(matrix, blockRows: 3);
        var full = File.ReadAllBytes(StoreFile);
        File.WriteAllBytes(StoreFile, full[..^bytesCut]); // as if the process died during the last write

        var loaded = EmbeddingStore.TryLoad(_directory, Model)!;
        Assert.Equal(matrix.Ids[..6].ToArray(), loaded.Ids.ToArray());

        using (var writer = EmbeddingStoreWriter.Open(_directory, Model, 4))
        {
            Assert.Equal(6, writer.Count);
            Assert.Equal(BlockBytes(3, 4) - bytesCut, writer.DroppedBytes);
            Assert.Contains("incomplete", writer.DroppedReason, StringComparison.Ordinal);
            Assert.Equal(HeaderLength + (2 * BlockBytes(3, 4)), new FileInfo(StoreFile).Length);
            writer.Append(matrix.Ids[6..], matrix.Vectors.Span[24..]);
        }

        Assert.Equal(matrix.Vectors.ToArray(), EmbeddingStore.TryLoad(_directory, Model)!.Vectors.ToArray());
    }

    [Fact]
    public void A_corrupt_block_is_dropped_with_every_block_after_it()
    {
        var matrix = Matrix(9, 4, seed: 4);
        Append(matrix, blockRows: 3);
        var bytes = File.ReadAllBytes(StoreFile);
        bytes[HeaderLength + BlockBytes(3, 4) + BlockHeaderLength + 20] ^= 0x40; // one bit of the second block's payload
        File.WriteAllBytes(StoreFile, bytes);

        using (var reader = EmbeddingStoreReader.TryOpen(_directory, Model)!)
        {
            Assert.Equal(matrix.Ids[..3].ToArray(), reader.Ids.ToArray());
            Assert.Equal(2 * BlockBytes(3, 4), reader.IgnoredBytes);
            Assert.Contains("checksum", reader.IgnoredReason, StringComparison.Ordinal);
        }

        using var writer = EmbeddingStoreWriter.Open(_directory, Model, 4);
        Assert.Equal(3, writer.Count);
        Assert.False(writer.Contains(matrix.Ids[3]));
    }

    [Fact]
    public void The_reader_maps_the_file_and_sees_the_blocks_valid_when_it_opened()
    {
        var matrix = Matrix(6, 16, seed: 5);
        using var writer = EmbeddingStoreWriter.Open(_directory, Model, 16);
        writer.Append(matrix.Ids[..4], matrix.Vectors.Span[..64]);
        writer.Commit();

        using var reader = EmbeddingStoreReader.TryOpen(_directory, Model)!;
        writer.Append(matrix.Ids[4..], matrix.Vectors.Span[64..]);

        Assert.Equal(4, reader.Count);
        for (var row = 0; row < 4; row++)
        {
            Assert.Equal(matrix.Vector(row).ToArray(), reader.Vector(row).ToArray());
        }

        Assert.Equal(0, reader.IgnoredBytes);
        using var later = EmbeddingStoreReader.TryOpen(_directory, Model)!;
        Assert.Equal(6, later.Count);
    }

    [Fact]
    public void A_second_writer_is_refused_while_one_is_open()
    {
        using var first = EmbeddingStoreWriter.Open(_directory, Model, 4);

        var e = Assert.Throws<EmbeddingStoreBusyException>(() => EmbeddingStoreWriter.Open(_directory, Model, 4));
        Assert.Contains("writing", e.Message, StringComparison.Ordinal);
        Assert.Throws<EmbeddingStoreBusyException>(() => EmbeddingStore.Save(Matrix(1, 4, seed: 1), _directory));
    }

    [Fact]
    public void A_damaged_header_makes_the_store_unusable()
    {
        EmbeddingStore.Save(Matrix(3, 4, seed: 1), _directory);
        var bytes = File.ReadAllBytes(StoreFile);
        bytes[9] ^= 1; // the dimension
        File.WriteAllBytes(StoreFile, bytes);

        var e = Assert.Throws<InvalidDataException>(() => EmbeddingStore.TryLoad(_directory, Model));
        Assert.Contains("header fails its checksum", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => EmbeddingStoreWriter.Open(_directory, Model, 4));
    }

    [Fact]
    public void A_store_of_another_model_or_dimension_is_refused()
    {
        EmbeddingStore.Save(Matrix(3, 4, seed: 1), _directory);
        File.Move(StoreFile, Path.Combine(_directory, "other-model.vecs"));

        var e = Assert.Throws<InvalidDataException>(() => EmbeddingStore.TryLoad(_directory, "other-model"));
        Assert.Contains($"vectors of model '{Model}'", e.Message, StringComparison.Ordinal);

        File.Move(Path.Combine(_directory, "other-model.vecs"), StoreFile);
        Assert.Throws<InvalidDataException>(() => EmbeddingStoreWriter.Open(_directory, Model, 8));
    }

    [Fact]
    public void Saving_replaces_the_store_and_leaves_no_temporaries()
    {
        Append(Matrix(5, 4, seed: 1), blockRows: 1);
        var second = Matrix(8, 4, seed: 2, firstId: 100);
        EmbeddingStore.Save(second, _directory);

        Assert.Equal(second.Vectors.ToArray(), EmbeddingStore.TryLoad(_directory, Model)!.Vectors.ToArray());
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void Empty_store_round_trips_and_missing_store_gives_null()
    {
        Assert.Null(EmbeddingStore.TryLoad(_directory, Model));
        using (EmbeddingStoreWriter.Open(_directory, Model, 512))
        {
        }

        Assert.Equal(0, EmbeddingStore.TryLoad(_directory, Model)!.Count);
        Assert.Equal(HeaderLength, new FileInfo(StoreFile).Length);
    }

    [Fact]
    public void NaN_is_refused_before_it_is_written()
    {
        using var writer = EmbeddingStoreWriter.Open(_directory, Model, 2);
        Assert.Throws<ArgumentException>(() => writer.Append([1], [1f, float.NaN]));
        Assert.Throws<ArgumentException>(() => writer.Append([1, 2], [1f, 2f]));
        Assert.Equal(0, writer.Count);
    }

    [Fact]
    public void Model_ids_that_are_not_file_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => EmbeddingStore.TryLoad(_directory, "../escape"));
        Assert.Throws<ArgumentException>(() => EmbeddingStore.Save(new EmbeddingMatrix("a/b", 2, [], []), _directory));
        Assert.Throws<ArgumentException>(() => EmbeddingStoreWriter.Open(_directory, "", 2));
    }

    [Fact]
    public void Files_of_the_earlier_format_are_found_but_not_read()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "resnet18-imagenet.f32"), "old");
        File.WriteAllText(Path.Combine(_directory, "resnet18-imagenet.ids"), "old");

        Assert.Equal(2, EmbeddingStore.LegacyFiles(_directory).Count);
        Assert.Null(EmbeddingStore.TryLoad(_directory, "resnet18-imagenet"));
    }
}
