namespace VisualRecSys.Data.Catalog;

/// <summary>One line of a catalog CSV (<c>id,title,category,split,file</c>).</summary>
/// <param name="Id">Stable, positive product id, unique within the file.</param>
/// <param name="Title">Product title.</param>
/// <param name="Category">Category name.</param>
/// <param name="Split"><see cref="CatalogSplit.Catalog"/> for products, <see cref="CatalogSplit.Query"/> for held-out query images.</param>
/// <param name="File">Image path relative to the CSV's folder, '/' separated, for example <c>catalog/00001.png</c>.</param>
public sealed record CatalogRow(int Id, string Title, string Category, string Split, string File);
