namespace VisualRecSys.Data.Catalog;

/// <summary>One line of a catalog CSV (<c>id,title,category[,price][,split],file</c>).</summary>
/// <param name="Id">Stable, positive product id, unique within the file; the product's source key is <c>folder:{Id}</c>.</param>
/// <param name="Title">Product title.</param>
/// <param name="Category">Category name.</param>
/// <param name="Split">
/// <see cref="CatalogSplit.Catalog"/> for products (the default), <see cref="CatalogSplit.Query"/> for held-out query
/// images, or another lowercase word such as <c>train</c> or <c>test</c>.
/// </param>
/// <param name="File">Image path relative to the catalog's image folder, '/' separated, for example <c>catalog/00001.png</c>.</param>
/// <param name="Price">Price with at most two decimals, or <see langword="null"/> when the CSV gives none.</param>
public sealed record CatalogRow(int Id, string Title, string Category, string Split, string File, decimal? Price = null);
