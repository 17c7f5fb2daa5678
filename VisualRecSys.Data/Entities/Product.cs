namespace VisualRecSys.Data;

/// <summary>A catalog product with one image.</summary>
public sealed class Product
{
    /// <summary>
    /// Identifier. The importer supplies the stable id from the catalog CSV; a product added
    /// with <c>Id = 0</c> gets the next autoincrement value instead.
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

    /// <summary>When the product was added. Stored as UTC ticks, so queries can sort and filter on it.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
