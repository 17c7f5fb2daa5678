using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Importing.FashionMnist;

/// <summary>
/// The Fashion-MNIST importer's keys, titles, limits and label checks on tiny synthetic IDX files, with a fake encoder
/// (the real files and the real encoder are tested in the Web tests).
/// </summary>
public abstract class FashionMnistImporterTests(PostgreSqlServer? server) : OnEitherDatabase(server)
{
    [SkippableFact]
    public async Task Titles_number_each_category_through_train_then_test_and_a_bad_label_is_skipped()
    {
        var source = WriteDataSet(trainLabels: [1, 0, 1], testLabels: [1, 12]);

        var report = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);

        Assert.Equal((5, 4, 1, 2), (report.Total, report.Added, report.Skipped, report.Categories));
        Assert.Equal(["fashion-mnist:test:00002: label 12 is not one of the 10 Fashion-MNIST classes"], report.SkipReasons);
        await using var db = Database.CreateContext();
        var products = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(
            [
                ("fashion-mnist:train:00001", "Trouser #1", "Trouser", "train", "fashion-mnist/train/00001.png"),
                ("fashion-mnist:train:00002", "T-shirt/top #1", "T-shirt/top", "train", "fashion-mnist/train/00002.png"),
                ("fashion-mnist:train:00003", "Trouser #2", "Trouser", "train", "fashion-mnist/train/00003.png"),
                ("fashion-mnist:test:00001", "Trouser #3", "Trouser", "test", "fashion-mnist/test/00001.png"),
            ],
            products.Select(p => (p.SourceKey!, p.Title, p.Category!.Name, p.Split!, p.ImageFile)));
        // Image i's pixels are all i (1-based within its split): the right pixels went to the right file.
        Assert.Equal([.. "GOOD"u8, 3, 3, 3, 3, 3, 3], await File.ReadAllBytesAsync(Path.Combine(ImagesDirectory, "fashion-mnist", "train", "00003.png")));
    }

    [SkippableFact]
    public async Task A_limit_takes_the_first_images_of_each_split_without_changing_their_titles_and_the_rest_follows_later()
    {
        var source = WriteDataSet(trainLabels: [1, 0, 1], testLabels: [1, 0]);

        var limited = await CreateImporter().ImportAsync(Options(source) with { LimitPerSplit = 1 }, null, CancellationToken.None);
        await using (var db = Database.CreateContext())
        {
            Assert.Equal(["Trouser #1", "Trouser #3"], await db.Products.OrderBy(p => p.Id).Select(p => p.Title).ToListAsync());
        }

        var full = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);
        var again = await CreateImporter().ImportAsync(Options(source), null, CancellationToken.None);

        Assert.Equal((2, 2), (limited.Total, limited.Added));
        Assert.Equal((5, 3, 2), (full.Total, full.Added, full.AlreadyPresent));
        Assert.Equal((5, 0, 5), (again.Total, again.Added, again.AlreadyPresent));
    }

    [SkippableFact]
    public async Task Image_and_label_counts_that_differ_are_refused()
    {
        var source = WriteDataSet(trainLabels: [1, 0, 1], testLabels: [1, 0]);
        File.WriteAllBytes(Path.Combine(source, "t10k-labels-idx1-ubyte"), IdxFiles.Build(IdxReader.LabelsMagic, [1], [1]));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => CreateImporter().ImportAsync(Options(source), null, CancellationToken.None));

        Assert.Contains("2 images but", error.Message, StringComparison.Ordinal);
    }

    private FashionMnistImporter CreateImporter() => new(Database.ContextFactory, Database.Inspector);

    private FashionMnistImportOptions Options(string source) => new() { SourceDirectory = source, ImagesDirectory = ImagesDirectory };

    /// <summary>Plain (not gzipped) IDX files of 2 × 3 images whose pixels all equal the image's 1-based number.</summary>
    private string WriteDataSet(byte[] trainLabels, byte[] testLabels)
    {
        var folder = Database.Directory.Combine("fashion-mnist");
        Directory.CreateDirectory(folder);
        Write(folder, "train", trainLabels);
        Write(folder, "t10k", testLabels);
        return folder;
    }

    private static void Write(string folder, string prefix, byte[] labels)
    {
        var pixels = labels.SelectMany((_, i) => Enumerable.Repeat((byte)(i + 1), 6)).ToArray();
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), IdxFiles.Build(IdxReader.ImagesMagic, [labels.Length, 2, 3], pixels));
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), IdxFiles.Build(IdxReader.LabelsMagic, [labels.Length], labels));
    }
}

public sealed class SqliteFashionMnistImporterTests() : FashionMnistImporterTests(server: null);

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlFashionMnistImporterTests(PostgreSqlServer server) : FashionMnistImporterTests(server);
