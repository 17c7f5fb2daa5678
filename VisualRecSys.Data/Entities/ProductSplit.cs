namespace VisualRecSys.Data;

/// <summary>The <see cref="Product.Split"/> values the importers write.</summary>
public static class ProductSplit
{
    /// <summary>A training image of a data set (Fashion-MNIST, DeepFashion, DeepFashion In-shop).</summary>
    public const string Train = "train";

    /// <summary>A validation image of a data set (DeepFashion).</summary>
    public const string Validation = "val";

    /// <summary>A test image of a data set (Fashion-MNIST, DeepFashion).</summary>
    public const string Test = "test";

    /// <summary>A product of a folder catalog (the default split of a catalog CSV row).</summary>
    public const string Catalog = "catalog";

    /// <summary>
    /// A query image. A folder catalog's <c>query</c> rows are held out (listed in the CSV, never imported as products);
    /// DeepFashion In-shop's query photographs are imported as products, since an evaluation searches with their vectors.
    /// </summary>
    public const string Query = "query";

    /// <summary>A gallery image of a data set with item ids (DeepFashion In-shop): what its query images are searched among.</summary>
    public const string Gallery = "gallery";
}
