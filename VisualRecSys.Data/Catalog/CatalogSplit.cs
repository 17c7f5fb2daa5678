namespace VisualRecSys.Data.Catalog;

/// <summary>The allowed values of <see cref="CatalogRow.Split"/>.</summary>
public static class CatalogSplit
{
    /// <summary>A product image: imported into the database.</summary>
    public const string Catalog = "catalog";

    /// <summary>A held-out image to search with: not imported.</summary>
    public const string Query = "query";
}
