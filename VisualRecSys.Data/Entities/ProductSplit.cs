namespace VisualRecSys.Data;

/// <summary>The <see cref="Product.Split"/> values the importers write.</summary>
public static class ProductSplit
{
    /// <summary>A training image of a data set (Fashion-MNIST, DeepFashion).</summary>
    public const string Train = "train";

    /// <summary>A validation image of a data set (DeepFashion).</summary>
    public const string Validation = "val";

    /// <summary>A test image of a data set (Fashion-MNIST, DeepFashion).</summary>
    public const string Test = "test";

    /// <summary>A product of a folder catalog (the default split of a catalog CSV row).</summary>
    public const string Catalog = "catalog";

    /// <summary>A held-out query image of a folder catalog: listed in the CSV but never imported as a product.</summary>
    public const string Query = "query";
}
