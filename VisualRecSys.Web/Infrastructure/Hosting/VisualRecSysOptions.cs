namespace VisualRecSys.Web.Infrastructure.Hosting;

/// <summary>Top-level settings of the app, bound from the <c>VisualRecSys</c> configuration section.</summary>
public sealed class VisualRecSysOptions
{
    public const string SectionName = "VisualRecSys";

    /// <summary>
    /// Where the SQLite database (with the default provider), images, thumbnails, embeddings and indexes live.
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

    /// <summary>
    /// A trained head file served on a start with no active index build, when the catalog's categories are all among
    /// the head's and its backbone is the configured model (otherwise the backbone serves). Default: the one
    /// <c>.head</c> file in <c>wwwroot-assets/models</c> (the head trained on Fashion-MNIST's train split that the demo
    /// serves); <c>none</c> disables it.
    /// </summary>
    public string? DefaultHead { get; set; }

    /// <summary>Where the app stores its data (<c>VisualRecSys:Database</c>); default: the SQLite file in the data directory.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>
    /// This replica's name, unique among the replicas sharing one database (in <c>GET /health</c>). Default: the machine
    /// name and the process id, which differ between containers and between processes on one machine.
    /// </summary>
    public string? InstanceName { get; set; }
}
