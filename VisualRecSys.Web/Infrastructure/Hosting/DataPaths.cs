using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Web.Infrastructure.Hosting;

/// <summary>The resolved on-disk layout of the data directory and the static assets.</summary>
public sealed class DataPaths
{
    public const string AssetsFolderName = AssetsFolder.Name;
    public const string NoSeedCatalog = "none";

    public DataPaths(string root, string assetsDirectory, string? seedCatalog, string? defaultHead = null)
    {
        Root = Path.GetFullPath(root);
        AssetsDirectory = Path.GetFullPath(assetsDirectory);
        SeedCatalog = seedCatalog is null ? null : Path.GetFullPath(seedCatalog);
        DefaultHead = defaultHead is null ? null : Path.GetFullPath(defaultHead);
    }

    public string Root { get; }
    public string DatabaseFile => Path.Combine(Root, "visualrecsys.db");
    public string Images => Path.Combine(Root, "images");
    public string Thumbnails => Path.Combine(Root, "thumbs");
    public string Embeddings => Path.Combine(Root, "embeddings");
    public string Indexes => Path.Combine(Root, "indexes");
    public string Heads => Path.Combine(Root, "heads");
    public string AssetsDirectory { get; }

    /// <summary>
    /// The full path of a product image stored as <paramref name="relativeFile"/>, or null when that would lie outside
    /// <see cref="Images"/>: imports refuse such paths, but a row written by other means must not serve any file.
    /// </summary>
    public string? ImageFile(string relativeFile)
    {
        var images = Path.TrimEndingDirectorySeparator(Images) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(images, relativeFile));
        return full.StartsWith(images, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The catalog CSV to import into an empty database, or null when seeding is off.</summary>
    public string? SeedCatalog { get; }

    /// <summary>The head file served on a start with no active build (see <see cref="VisualRecSysOptions.DefaultHead"/>), or null.</summary>
    public string? DefaultHead { get; }

    /// <summary>Folder of the shipped models (the demo's default head) under the assets.</summary>
    public string ShippedModels => Path.Combine(AssetsDirectory, "models");

    /// <summary>Resolves the configured paths, filling in the defaults described on <see cref="VisualRecSysOptions"/>.</summary>
    public static DataPaths Resolve(VisualRecSysOptions options, string contentRoot)
    {
        var root = string.IsNullOrWhiteSpace(options.DataDirectory)
            ? Path.Combine(contentRoot, "data")
            : Path.Combine(contentRoot, options.DataDirectory);
        var assets = string.IsNullOrWhiteSpace(options.AssetsDirectory)
            ? AssetsFolder.FindUpwards(contentRoot) ?? Path.Combine(contentRoot, AssetsFolderName)
            : Path.Combine(contentRoot, options.AssetsDirectory);
        string? seed = options.SeedCatalog switch
        {
            null or "" => Path.Combine(assets, "demo-catalog", "catalog.csv"),
            var s when s.Equals(NoSeedCatalog, StringComparison.OrdinalIgnoreCase) => null,
            var s => Path.Combine(contentRoot, s),
        };
        string? head = options.DefaultHead switch
        {
            null or "" => ShippedHead(Path.Combine(assets, "models")),
            var h when h.Equals(NoSeedCatalog, StringComparison.OrdinalIgnoreCase) => null,
            var h => Path.Combine(contentRoot, h),
        };
        return new DataPaths(root, assets, seed, head);
    }

    /// <summary>The one head file in <paramref name="folder"/>, or null when there is none (or several: which would be a guess).</summary>
    private static string? ShippedHead(string folder)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.head") : [];
        return files.Length == 1 ? files[0] : null;
    }
}
