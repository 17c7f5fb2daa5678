using VisualRecSys.Data.Importing.FashionMnist;

namespace VisualRecSys.Data.Tests.Importing.FashionMnist;

/// <summary>
/// Reads the real data set that the Debian package <c>dataset-fashion-mnist</c> installs under
/// <see cref="FashionMnistDataset.DefaultDirectory"/> (the test script installs it).
/// </summary>
public sealed class InstalledFashionMnistTests
{
    [Fact]
    public void The_test_set_has_10000_labels_1000_per_category()
    {
        var labels = IdxReader.ReadLabels(FashionMnistDataset.Locate().TestLabels);

        Assert.Equal(10_000, labels.Length);
        var perLabel = labels.CountBy(label => label).OrderBy(pair => pair.Key).ToList();
        Assert.Equal(Enumerable.Range(0, FashionMnistCategories.Names.Count).Select(i => (byte)i), perLabel.Select(p => p.Key));
        Assert.All(perLabel, pair => Assert.Equal(1_000, pair.Value));
    }

    [Fact]
    public void The_test_images_are_10000_images_of_28_by_28_on_a_black_background()
    {
        var images = IdxReader.ReadImages(FashionMnistDataset.Locate().TestImages);

        Assert.Equal((10_000, 28, 28), (images.Count, images.Rows, images.Columns));
        Assert.Equal(10_000 * 28 * 28, images.Pixels.Length);
        var first = images.Image(0);
        Assert.Equal(0, first[0]);
        Assert.Contains(first.ToArray(), pixel => pixel > 200);
    }
}
