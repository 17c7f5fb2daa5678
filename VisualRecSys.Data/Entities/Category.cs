namespace VisualRecSys.Data;

/// <summary>A product category, such as "Sneaker". Names are unique.</summary>
public sealed class Category
{
    /// <summary>Database-generated identifier.</summary>
    public int Id { get; set; }

    /// <summary>Display name; unique across all categories (compared case-sensitively).</summary>
    public required string Name { get; set; }

    /// <summary>Products in this category (loaded only when included in a query).</summary>
    public List<Product> Products { get; } = [];
}
