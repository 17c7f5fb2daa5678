using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Components.Shared;

/// <summary>What a product card shows: the product and, for search results, its similarity score.</summary>
public sealed record ProductCardModel(int Id, string Title, string Category, string ImageUrl, float? Score = null)
{
    public static ProductCardModel From(ProductSummary p) => new(p.Id, p.Title, p.Category, p.ImageUrl);

    public static ProductCardModel From(ScoredProduct p) => new(p.Id, p.Title, p.Category, p.ImageUrl, p.Score);
}
