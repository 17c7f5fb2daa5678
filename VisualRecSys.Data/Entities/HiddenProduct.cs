namespace VisualRecSys.Data;

/// <summary>
/// A product an admin hid from the store as a duplicate of another (the one kept): it stays in the catalog, its vectors
/// and its feedback, but no store page, listing or search shows it. Deleting the row shows it again.
/// </summary>
public sealed class HiddenProduct
{
    /// <summary>
    /// Increases with every row ever added (never reused, also on SQLite: AUTOINCREMENT), so the count of rows and the
    /// highest id together change whenever products are hidden or shown again: what the store's snapshot checks.
    /// </summary>
    public int Id { get; set; }

    /// <summary>The hidden product (unique: a product is hidden once).</summary>
    public int ProductId { get; set; }

    /// <summary>The product of its cluster that stays in the store, if it still exists.</summary>
    public int? KeptProductId { get; set; }

    /// <summary>When it was hidden. Stored as UTC ticks.</summary>
    public DateTimeOffset HiddenAt { get; set; }

    /// <summary>Who hid it (the admin's user name), or null when not known.</summary>
    public string? HiddenBy { get; set; }
}
