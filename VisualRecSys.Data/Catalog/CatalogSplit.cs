namespace VisualRecSys.Data.Catalog;

/// <summary>The <see cref="CatalogRow.Split"/> values with a meaning to the folder importer (any other word is stored as it is).</summary>
public static class CatalogSplit
{
    /// <summary>A product image: imported into the database. The default when the CSV has no split.</summary>
    public const string Catalog = ProductSplit.Catalog;

    /// <summary>A held-out image to search with: not imported.</summary>
    public const string Query = ProductSplit.Query;
}
