namespace VisualRecSys.Data.Importing.Bulk;

/// <summary>A product for <see cref="ProductBulkInsert"/>: with its id, so vectors made elsewhere can name it.</summary>
/// <param name="Id">The product id (positive, not yet used).</param>
/// <param name="Title">Human-readable title.</param>
/// <param name="Category">Category name; created when missing.</param>
/// <param name="ImageFile">Image path relative to <c>images/</c>; many products may share one file.</param>
/// <param name="Split">Which part of its source the product comes from, or null.</param>
/// <param name="SourceKey">Unique key in its source, or null.</param>
/// <param name="ItemKey">The item the image shows (products sharing it are pictures of one item), or null.</param>
public readonly record struct BulkProduct(int Id, string Title, string Category, string ImageFile, string? Split, string? SourceKey, string? ItemKey);
