namespace VisualRecSys.Web.Features.Store;

/// <summary>What the store says when a page has no products.</summary>
public static class StoreEmptyText
{
    /// <summary>The title filter is named when there is one (the category may be full of products it does not match).</summary>
    public static string For(string? titleQuery, string? category) =>
        (string.IsNullOrWhiteSpace(titleQuery), category) switch
        {
            (false, null) => $"No product title contains “{titleQuery!.Trim()}”.",
            (false, _) => $"No product title in {category} contains “{titleQuery!.Trim()}”.",
            (true, null) => "No products yet.",
            (true, _) => "No products in this category yet.",
        };
}
