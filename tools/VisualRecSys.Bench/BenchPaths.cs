using Microsoft.Extensions.Configuration;
using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Bench;

/// <summary>
/// The folders a benchmark reads and writes, resolved as the app resolves them (same keys, same defaults), so that
/// <c>--data-dir</c> points both at the same data directory.
/// </summary>
internal sealed class BenchPaths
{
    public const string AssetsFolderName = AssetsFolder.Name;

    public BenchPaths(string root, string assetsDirectory)
    {
        Root = Path.GetFullPath(root);
        AssetsDirectory = Path.GetFullPath(assetsDirectory);
    }

    /// <summary>The data directory.</summary>
    public string Root { get; }

    /// <summary>The imported product images (what <c>embed</c> measures on when there are any).</summary>
    public string Images => Path.Combine(Root, "images");

    /// <summary>Caches and scratch folders of the benchmarks.</summary>
    public string Bench => Path.Combine(Root, "bench");

    /// <summary>The static assets, whose demo catalog <c>embed</c> falls back to.</summary>
    public string AssetsDirectory { get; }

    /// <summary>
    /// <c>VisualRecSys:DataDirectory</c> (default <c>data</c>) and <c>VisualRecSys:AssetsDirectory</c> (default the
    /// repository's <c>wwwroot-assets</c>), relative paths taken from <paramref name="contentRoot"/>.
    /// </summary>
    public static BenchPaths Resolve(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var data = configuration["VisualRecSys:DataDirectory"];
        var assets = configuration["VisualRecSys:AssetsDirectory"];
        return new BenchPaths(
            Path.Combine(contentRoot, string.IsNullOrWhiteSpace(data) ? "data" : data),
            string.IsNullOrWhiteSpace(assets)
                ? AssetsFolder.FindUpwards(contentRoot) ?? Path.Combine(contentRoot, AssetsFolderName)
                : Path.Combine(contentRoot, assets));
    }
}
