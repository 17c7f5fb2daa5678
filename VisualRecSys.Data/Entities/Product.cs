namespace VisualRecSys.Data;

/// <summary>A catalog product with one image.</summary>
public sealed class Product
{
    /// <summary>
    /// Identifier. Importers leave it 0, so the database assigns the next autoincrement value; a product added
    /// with an explicit id keeps it.
    /// </summary>
    public int Id { get; set; }

    /// <summary>Human-readable title.</summary>
    public required string Title { get; set; }

    /// <summary>Foreign key of <see cref="Category"/>.</summary>
    public int CategoryId { get; set; }

    /// <summary>The product's category (loaded only when included in a query).</summary>
    public Category? Category { get; set; }

    /// <summary>
    /// Image path relative to the data directory's <c>images/</c> folder, '/' separated,
    /// for example <c>catalog/00001.png</c>.
    /// </summary>
    public required string ImageFile { get; set; }

    /// <summary>
    /// Price in the catalog's currency, or <see langword="null"/> when unknown. Stored as whole cents in an INTEGER column
    /// (<c>PriceCents</c>), so SQLite sorts and filters on it exactly; values with fractions of a cent are refused on save.
    /// </summary>
    public decimal? Price { get; set; }

    /// <summary>
    /// Which part of its source data set the product comes from, for example <see cref="ProductSplit.Train"/> or
    /// <see cref="ProductSplit.Catalog"/>; <see langword="null"/> when unknown.
    /// </summary>
    public string? Split { get; set; }

    /// <summary>
    /// Identifies the product in the source it was imported from, for example <c>fashion-mnist:train:00001</c>,
    /// <c>deepfashion:img/Sheer_Pleated-Front_Blouse/img_00000001.jpg</c> or <c>folder:42</c>. Unique, so importing
    /// the same source again adds nothing; <see langword="null"/> for products that were not imported.
    /// </summary>
    public string? SourceKey { get; set; }

    /// <summary>
    /// The item the image shows, when the source says so (DeepFashion In-shop's <c>id_00000002</c>): products sharing it
    /// are photographs of one item, the instance ground truth of an evaluation. <see langword="null"/> when unknown.
    /// </summary>
    public string? ItemKey { get; set; }

    /// <summary>When the product was added. Stored as UTC ticks, so queries can sort and filter on it.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
