using VisualRecSys.Bench.Index.Datasets;

namespace VisualRecSys.Bench.Catalog;

/// <summary>What the scale catalog is made of: one place that names its model, its files and its products.</summary>
internal static class ScaleCatalog
{
    /// <summary>
    /// The model id its vectors are stored under. No model of the app has it, so the app serves the catalog from the stored
    /// vectors alone (browsing and "similar"); uploads cannot be embedded into this space and are refused.
    /// </summary>
    public const string ModelId = ProjectedFashionMnist.Name;

    public const int DefaultCount = 2_000_000;

    /// <summary>Folder under <c>images/</c> holding the shared Fashion-MNIST train images, one file each.</summary>
    public const string ImageFolder = "scale";

    /// <summary>The products' split: the app's evaluations treat them as catalog products.</summary>
    public const string Split = "catalog";

    /// <summary>Product <paramref name="id"/> (1-based) is base item id − 1 of <c>fashion-mnist-projected</c>.</summary>
    public static int ItemOf(int id) => id - 1;

    /// <summary>The train image an item shows, and so its image file and category.</summary>
    public static int TrainImageOf(int item, int trainCount) => item % trainCount;

    public static string ImageFileOf(int trainImage) => $"{ImageFolder}/{trainImage:D5}.png";
}
