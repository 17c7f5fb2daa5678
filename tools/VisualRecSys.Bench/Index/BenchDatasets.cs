using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Bench.Index.Datasets;

namespace VisualRecSys.Bench.Index;

/// <summary>The datasets <c>index --dataset</c> knows, and how their sizes default and are checked.</summary>
internal static class BenchDatasets
{
    public static readonly string[] Names =
        [FashionMnistPixels.Name, FashionMnistResNet18.Name, ProjectedFashionMnist.Name, SyntheticClusters.Name];

    /// <summary>Loads or generates the dataset <paramref name="settings"/> names.</summary>
    /// <param name="settings">Dataset name, sizes, seed, Fashion-MNIST folder.</param>
    /// <param name="embedder">Creates the image embedder (only the ResNet18 dataset needs one: loading it takes a while).</param>
    /// <param name="cacheDirectory">Where computed embeddings are kept between runs.</param>
    /// <param name="log">Progress.</param>
    /// <param name="ct">Cancels embedding.</param>
    /// <exception cref="ArgumentException">A size does not fit the dataset.</exception>
    /// <exception cref="FileNotFoundException">The Fashion-MNIST files are missing.</exception>
    public static BenchDataset Load(IndexBenchSettings settings, Func<IImageEmbedder> embedder, string cacheDirectory, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(embedder);
        if (settings.Queries < 1)
        {
            throw new ArgumentException("--queries must be at least 1.");
        }

        if (settings.Dataset == SyntheticClusters.Name)
        {
            return SyntheticClusters.Generate(
                Positive(settings.Count ?? SyntheticClusters.DefaultCount, "--count"),
                Positive(settings.Dimension ?? SyntheticClusters.DefaultDimension, "--dim"),
                settings.Queries,
                settings.Seed);
        }

        var files = FashionMnistDataset.Locate(settings.Source);
        var train = IdxReader.ReadImages(files.TrainImages);
        var test = IdxReader.ReadImages(files.TestImages);
        if (settings.Queries > test.Count)
        {
            throw new ArgumentException($"--queries can be at most {test.Count:N0}, the number of Fashion-MNIST test images.");
        }

        switch (settings.Dataset)
        {
            case ProjectedFashionMnist.Name:
                return ProjectedFashionMnist.Generate(
                    train,
                    test,
                    Positive(settings.Count ?? ProjectedFashionMnist.DefaultCount, "--count"),
                    Positive(settings.Dimension ?? ProjectedFashionMnist.DefaultDimension, "--dim"),
                    settings.Queries,
                    settings.Seed);
            case FashionMnistPixels.Name:
                RejectDimension(settings, train.Rows * train.Columns);
                return FashionMnistPixels.Create(train, test, TrainCount(settings, train), settings.Queries);
            case FashionMnistResNet18.Name:
                var model = embedder();
                RejectDimension(settings, model.Dimension);
                return new FashionMnistResNet18(model, cacheDirectory, log).Load(train, test, TrainCount(settings, train), settings.Queries, ct);
            default:
                throw new ArgumentException($"Unknown dataset '{settings.Dataset}'; use one of {string.Join(", ", Names)}.");
        }
    }

    private static int TrainCount(IndexBenchSettings settings, IdxImageSet train)
    {
        var count = Positive(settings.Count ?? train.Count, "--count");
        return count <= train.Count
            ? count
            : throw new ArgumentException($"--count can be at most {train.Count:N0} for {settings.Dataset} (the Fashion-MNIST train images).");
    }

    private static void RejectDimension(IndexBenchSettings settings, int dimension)
    {
        if (settings.Dimension is int asked && asked != dimension)
        {
            throw new ArgumentException($"{settings.Dataset} has {dimension} dimensions; --dim applies to {ProjectedFashionMnist.Name} and {SyntheticClusters.Name}.");
        }
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be positive.");
}
