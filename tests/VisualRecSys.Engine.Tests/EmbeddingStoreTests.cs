using VisualRecSys.Engine.Index;

namespace VisualRecSys.Engine.Tests;

public sealed class EmbeddingStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static EmbeddingMatrix Matrix(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, count).Select(i => (i * 13) - 5).ToArray();
        var vectors = Enumerable.Range(0, count * dimension).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        return new EmbeddingMatrix("resnet18-imagenet", dimension, ids, vectors);
    }

    private string VectorsFile => Path.Combine(_directory, "resnet18-imagenet.f32");

    private string IdsFile => Path.Combine(_directory, "resnet18-imagenet.ids");

    [Fact]
    public void Round_trips()
    {
        var saved = Matrix(50, 512, seed: 1);
        EmbeddingStore.Save(saved, _directory);

        var loaded = EmbeddingStore.TryLoad(_directory, "resnet18-imagenet");

        Assert.NotNull(loaded);
        Assert.Equal(("resnet18-imagenet", 512, 50), (loaded.ModelId, loaded.Dimension, loaded.Count));
        Assert.Equal(saved.Ids.ToArray(), loaded.Ids.ToArray());
        Assert.Equal(saved.Vectors.ToArray(), loaded.Vectors.ToArray());
        Assert.Equal(24 + (50 * 512 * 4), new FileInfo(VectorsFile).Length);
        Assert.Equal("VRSE"u8.ToArray(), File.ReadAllBytes(VectorsFile)[..4]);
    }

    [Fact]
    public void Saving_again_replaces_the_files_and_leaves_no_temporaries()
    {
        EmbeddingStore.Save(Matrix(5, 4, seed: 1), _directory);
        var second = Matrix(8, 4, seed: 2);
        EmbeddingStore.Save(second, _directory);

        Assert.Equal(second.Vectors.ToArray(), EmbeddingStore.TryLoad(_directory, "resnet18-imagenet")!.Vectors.ToArray());
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public void Empty_matrix_round_trips()
    {
        EmbeddingStore.Save(new EmbeddingMatrix("resnet18-imagenet", 512, [], []), _directory);
        Assert.Equal(0, EmbeddingStore.TryLoad(_directory, "resnet18-imagenet")!.Count);
    }

    [Fact]
    public void Missing_files_give_null() => Assert.Null(EmbeddingStore.TryLoad(_directory, "resnet18-imagenet"));

    [Fact]
    public void Only_one_file_is_an_error()
    {
        EmbeddingStore.Save(Matrix(3, 4, seed: 1), _directory);
        File.Delete(IdsFile);
        Assert.Throws<InvalidDataException>(() => EmbeddingStore.TryLoad(_directory, "resnet18-imagenet"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(30)]
    public void Truncated_vectors_file_is_an_error(int bytesCut)
    {
        EmbeddingStore.Save(Matrix(3, 4, seed: 1), _directory);
        var bytes = File.ReadAllBytes(VectorsFile);
        File.WriteAllBytes(VectorsFile, bytes[..^bytesCut]);

        var e = Assert.Throws<InvalidDataException>(() => EmbeddingStore.TryLoad(_directory, "resnet18-imagenet"));
        Assert.Contains("resnet18-imagenet.f32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_are_an_error()
    {
        EmbeddingStore.Save(Matrix(3, 4, seed: 1), _directory);
        File.AppendAllText(IdsFile, "x");
        Assert.Throws<InvalidDataException>(() => EmbeddingStore.TryLoad(_directory, "resnet18-imagenet"));
    }

    [Fact]
    public void Wrong_magic_is_an_error()
    {
        EmbeddingStore.Save(Matrix(3, 4, seed: 1), _directory);
        var bytes = File.ReadAllBytes(VectorsFile);
        bytes[0] = (byte)'X';
        File.WriteAllBytes(VectorsFile, bytes);
        Assert.Throws<InvalidDataException>(() => EmbeddingStore.TryLoad(_directory, "resnet18-imagenet"));
    }

    [Fact]
    public void Files_from_different_saves_are_an_error_even_with_equal_counts()
    {
        EmbeddingStore.Save(Matrix(3, 4, seed: 1), _directory);
        var oldIds = File.ReadAllBytes(IdsFile);
        EmbeddingStore.Save(Matrix(3, 4, seed: 2), _directory);
        File.WriteAllBytes(IdsFile, oldIds); // as if a crash had left one file from each save

        var e = Assert.Throws<InvalidDataException>(() => EmbeddingStore.TryLoad(_directory, "resnet18-imagenet"));
        Assert.Contains("same save", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_in_the_payload_is_an_error()
    {
        EmbeddingStore.Save(Matrix(3, 4, seed: 1), _directory);
        var bytes = File.ReadAllBytes(VectorsFile);
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, 24 + 8);
        File.WriteAllBytes(VectorsFile, bytes);
        Assert.Throws<InvalidDataException>(() => EmbeddingStore.TryLoad(_directory, "resnet18-imagenet"));
    }

    [Fact]
    public void Model_ids_that_are_not_file_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => EmbeddingStore.TryLoad(_directory, "../escape"));
        Assert.Throws<ArgumentException>(() => EmbeddingStore.Save(new EmbeddingMatrix("a/b", 2, [], []), _directory));
    }
}
