using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Engine.Tests.Index.Forest;

public sealed class ForestFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vrs-forest-").FullName;

    [Theory]
    [InlineData(DistanceMetric.Angular)]
    [InlineData(DistanceMetric.Euclidean)]
    [InlineData(DistanceMetric.Dot)]
    public void A_saved_index_opens_and_answers_exactly_as_the_built_one(DistanceMetric metric)
    {
        var (matrix, queries) = ClusteredData.Create(count: 2500, dimension: 40, queries: 30, seed: 12);
        using var built = ForestIndex.Build(matrix, metric, new ForestOptions { Trees = 12, DefaultSearchK = 300 });
        var path = Path.Combine(_directory, "a.vrsx");
        built.Save(path);

        using var opened = ForestIndex.Open(path);

        Assert.Equal((built.Count, built.Dimension, built.Metric, built.TreeCount, built.ModelId), (opened.Count, opened.Dimension, opened.Metric, opened.TreeCount, opened.ModelId));
        Assert.Equal(built.CreatedAt.ToUnixTimeMilliseconds(), opened.CreatedAt.ToUnixTimeMilliseconds());
        var a = new SearchHit[10];
        var b = new SearchHit[10];
        foreach (var query in queries)
        {
            Assert.Equal(built.Search(query, 10, a, SearchFilter.None), opened.Search(query, 10, b, SearchFilter.None));
            Assert.Equal(a, b);
        }

        var vector = new float[40];
        Assert.True(opened.TryGetVector(matrix.Ids[3], vector));
        Assert.False(opened.Contains(-1));
    }

    [Theory]
    [InlineData(1, DistanceMetric.Angular)]
    [InlineData(1, DistanceMetric.Euclidean)]
    [InlineData(1, DistanceMetric.Dot)]
    [InlineData(2, DistanceMetric.Angular)]
    [InlineData(2, DistanceMetric.Euclidean)]
    [InlineData(2, DistanceMetric.Dot)]
    public void An_older_file_still_opens_and_answers(int version, DistanceMetric metric)
    {
        // The data the fixtures were built from (see TestData/Forest/README.md).
        var (matrix, queries) = ClusteredData.Create(count: 600, dimension: 24, queries: 20, seed: 77);
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Forest", $"forest-v{version}-{metric.ToString().ToLowerInvariant()}.vrsx");

        using var opened = ForestIndex.Open(path);

        Assert.Equal((600, 24, metric, 8), (opened.Count, opened.Dimension, opened.Metric, opened.TreeCount));
        var recall = ClusteredData.Recall(opened, new ExactIndex(matrix, metric), queries, 10);
        Assert.True(recall >= 0.9, $"recall@10 {recall:F3} of a version {version} {metric} file");
        var stored = new float[24];
        Assert.True(opened.TryGetVector(matrix.Ids[5], stored));
        var expected = matrix.Vector(5).ToArray();
        if (metric == DistanceMetric.Angular)
        {
            // Angular forests keep unit vectors.
            var norm = MathF.Sqrt(expected.Sum(v => v * v));
            expected = expected.Select(v => v / norm).ToArray();
        }

        Assert.Equal(expected, stored, (a, b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1f, Math.Abs(a)));
    }

    [Fact]
    public void A_new_file_stores_byte_codes_instead_of_float_coordinates()
    {
        var (matrix, _) = ClusteredData.Create(count: 600, dimension: 24, queries: 1, seed: 77);
        var options = new ForestOptions { Trees = 8, LeafSize = 16, SplitDimension = 8, ShortlistDimension = 12, ShortlistFactor = 5, DefaultSearchK = 200, Seed = 5 };
        using var built = ForestIndex.Build(matrix, DistanceMetric.Angular, options);
        var path = Path.Combine(_directory, "new.vrsx");
        built.Save(path);

        // 600 rows × 12 float coordinates (28,800 bytes) became 600 × 32 padded bytes (19,200): the rest is identical.
        var legacy = new FileInfo(Path.Combine(AppContext.BaseDirectory, "TestData", "Forest", "forest-v1-angular.vrsx")).Length;
        Assert.True(new FileInfo(path).Length < legacy, $"new {new FileInfo(path).Length} bytes, version 1 {legacy}");
    }

    [Theory]
    [InlineData(DistanceMetric.Angular)]
    [InlineData(DistanceMetric.Euclidean)]
    [InlineData(DistanceMetric.Dot)]
    public void A_new_file_keeps_the_residual_lengths_its_shortlist_uses(DistanceMetric metric)
    {
        var (matrix, queries) = ClusteredData.Create(count: 600, dimension: 24, queries: 20, seed: 77);
        var options = new ForestOptions { Trees = 8, LeafSize = 16, SplitDimension = 8, ShortlistDimension = 12, ShortlistFactor = 5, DefaultSearchK = 200, Seed = 5 };
        using var built = ForestIndex.Build(matrix, metric, options);
        var path = Path.Combine(_directory, "residuals.vrsx");
        built.Save(path);

        // One float per row more than the same forest in version 2 (Euclidean shortlists do not use them), and the
        // same answers once reopened.
        var header = ForestFileHeader.Read(File.ReadAllBytes(path), path);
        Assert.Equal(ForestFileHeader.CurrentVersion, header.Version);
        Assert.Equal(3u, header.Version);
        var residualBytes = metric == DistanceMetric.Euclidean ? 0 : 600 * sizeof(float);
        Assert.Equal((header with { Version = 2 }).Layout().Length + residualBytes, new FileInfo(path).Length, 64d);
        using var opened = ForestIndex.Open(path);
        var a = new SearchHit[10];
        var b = new SearchHit[10];
        foreach (var query in queries)
        {
            Assert.Equal(built.Search(query, 10, a, SearchFilter.None), opened.Search(query, 10, b, SearchFilter.None));
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var path = SaveSmall();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);

        var error = Assert.Throws<InvalidDataException>(() => ForestIndex.Open(path));
        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData(600)]
    [InlineData(-8)]
    public void A_flipped_byte_anywhere_is_refused_by_the_checksum(int offset)
    {
        var path = SaveSmall();
        var bytes = File.ReadAllBytes(path);
        var at = offset >= 0 ? offset : bytes.Length + offset;
        bytes[at] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => ForestIndex.Open(path));
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_index_is_refused()
    {
        var path = Path.Combine(_directory, "not.vrsx");
        File.WriteAllBytes(path, new byte[4096]);

        var error = Assert.Throws<InvalidDataException>(() => ForestIndex.Open(path));
        Assert.Contains("not a VisualRecSys index", error.Message);
    }

    [Fact]
    public void Saving_replaces_a_file_atomically_and_leaves_no_temporary_files()
    {
        var path = SaveSmall();
        var (matrix, _) = ClusteredData.Create(count: 300, dimension: 8, queries: 0, seed: 2);
        using (var other = ForestIndex.Build(matrix, DistanceMetric.Euclidean, new ForestOptions { Trees = 2 }))
        {
            other.Save(path);
        }

        using var opened = ForestIndex.Open(path);
        Assert.Equal(DistanceMetric.Euclidean, opened.Metric);
        Assert.Single(Directory.GetFiles(_directory));
    }

    private string SaveSmall()
    {
        var (matrix, _) = ClusteredData.Create(count: 500, dimension: 16, queries: 0, seed: 1);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 3 });
        var path = Path.Combine(_directory, "small.vrsx");
        forest.Save(path);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
