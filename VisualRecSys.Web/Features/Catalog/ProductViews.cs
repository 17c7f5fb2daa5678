namespace VisualRecSys.Web.Features.Catalog;

/// <summary>A product as lists and the API show it.</summary>
public sealed record ProductSummary(int Id, string Title, string Category, string ImageUrl)
{
    /// <summary>The URL of the product's image at a given display size (see the image endpoint).</summary>
    public static string ImageUrlFor(int id, int size = ImageSizes.Card) => $"/images/{id}?size={size}";
}

/// <summary>A search result: a product and how similar it is to the query (cosine, 1 = identical direction).</summary>
public sealed record ScoredProduct(int Id, string Title, string Category, float Score, string ImageUrl);

/// <summary>One page of a product listing.</summary>
public sealed record ProductListing(int Page, int PageSize, int Total, IReadOnlyList<ProductSummary> Items)
{
    /// <summary>The cursor of the next page (<c>after=</c>: the last id of this one), or null on the last page.</summary>
    public int? NextAfter { get; init; }

    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>The display sizes the image endpoint serves; fixed so the thumbnail cache stays bounded.</summary>
public static class ImageSizes
{
    public const int Tiny = 64;
    public const int Small = 128;
    public const int Card = 256;
    public const int Large = 512;

    public static IReadOnlyList<int> All { get; } = [Tiny, Small, Card, Large];
}
