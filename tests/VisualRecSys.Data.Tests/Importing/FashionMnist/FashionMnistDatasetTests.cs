using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Data.Tests.TestSupport;

namespace VisualRecSys.Data.Tests.Importing.FashionMnist;

public sealed class FashionMnistDatasetTests : IDisposable
{
    private static readonly string[] s_baseNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Names_are_the_ten_classes_in_label_order()
    {
        Assert.Equal(
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            FashionMnistCategories.Names);
    }

    [Fact]
    public void Locate_prefers_gzipped_files_and_accepts_plain_ones()
    {
        foreach (var name in s_baseNames)
        {
            _temp.WriteFile(name, [0]);
        }

        _temp.WriteFile("t10k-labels-idx1-ubyte.gz", [0]);

        var files = FashionMnistDataset.Locate(_temp.Path);

        Assert.Equal(
            new FashionMnistFiles(
                _temp.Combine("train-images-idx3-ubyte"),
                _temp.Combine("train-labels-idx1-ubyte"),
                _temp.Combine("t10k-images-idx3-ubyte"),
                _temp.Combine("t10k-labels-idx1-ubyte.gz")),
            files);
    }

    [Fact]
    public void Locate_names_the_missing_file_and_the_package_to_install()
    {
        foreach (var name in s_baseNames.Where(n => n != "train-labels-idx1-ubyte"))
        {
            _temp.WriteFile(name + ".gz", [0]);
        }

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnistDataset.Locate(_temp.Path));

        Assert.Contains("train-labels-idx1-ubyte.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains(_temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Equal(_temp.Combine("train-labels-idx1-ubyte.gz"), error.FileName);
    }
}
