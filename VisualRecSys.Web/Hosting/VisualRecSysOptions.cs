namespace VisualRecSys.Web.Hosting;

/// <summary>Top-level settings of the app, bound from the <c>VisualRecSys</c> configuration section.</summary>
public sealed class VisualRecSysOptions
{
    public const string SectionName = "VisualRecSys";

    /// <summary>
    /// Where the SQLite database, images, thumbnails, embeddings and indexes live.
    /// Default: <c>data/</c> under the app's content root (git-ignored).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// The catalog CSV imported on first start when the database has no products.
    /// Default: the demo catalog in <c>wwwroot-assets/demo-catalog/catalog.csv</c>; <c>none</c> disables seeding.
    /// </summary>
    public string? SeedCatalog { get; set; }

    /// <summary>The folder of static assets (styles, logo, demo catalog). Default: the repository's <c>wwwroot-assets</c>.</summary>
    public string? AssetsDirectory { get; set; }
}
