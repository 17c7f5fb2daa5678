namespace VisualRecSys.Data.Importing.FashionMnist;

/// <summary>Finds the Fashion-MNIST files on disk.</summary>
public static class FashionMnistDataset
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Locates the four IDX files in <paramref name="directory"/>, preferring the <c>.gz</c> names.</summary>
    /// <param name="directory">Folder to look in; <see cref="DefaultDirectory"/> when <see langword="null"/>.</param>
    /// <returns>Full paths of the four files.</returns>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it and how to install the data set.</exception>
    public static FashionMnistFiles Locate(string? directory = null)
    {
        var folder = Path.GetFullPath(directory ?? DefaultDirectory);
        return new FashionMnistFiles(
            Find(folder, "train-images-idx3-ubyte"),
            Find(folder, "train-labels-idx1-ubyte"),
            Find(folder, "t10k-images-idx3-ubyte"),
            Find(folder, "t10k-labels-idx1-ubyte"));
    }

    private static string Find(string folder, string baseName)
    {
        var gzipped = Path.Combine(folder, baseName + ".gz");
        if (File.Exists(gzipped))
        {
            return gzipped;
        }

        var plain = Path.Combine(folder, baseName);
        if (File.Exists(plain))
        {
            return plain;
        }

        throw new FileNotFoundException(
            $"Fashion-MNIST file '{baseName}.gz' (or '{baseName}') is missing from '{folder}'. "
            + "Install the data set with 'apt-get install dataset-fashion-mnist'.",
            gzipped);
    }
}
