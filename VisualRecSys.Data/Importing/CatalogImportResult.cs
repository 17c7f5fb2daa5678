namespace VisualRecSys.Data;

/// <summary>What <see cref="CatalogImporter.ImportAsync"/> did.</summary>
/// <param name="Added">Products inserted by this import.</param>
/// <param name="AlreadyPresent">Catalog rows skipped because a product with their id already existed.</param>
/// <param name="Categories">Distinct categories of the CSV's catalog rows (all of them exist in the database afterwards).</param>
public sealed record CatalogImportResult(int Added, int AlreadyPresent, int Categories);
