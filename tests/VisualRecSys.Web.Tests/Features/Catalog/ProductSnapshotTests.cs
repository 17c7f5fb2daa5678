using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Tests.Features.Catalog;

public sealed class ProductSnapshotTests
{
    private static readonly Dictionary<int, string> s_categories = new() { [7] = "Shoe", [3] = "Bag", [9] = "Empty" };

    private static ProductSnapshot Snapshot(params (int Id, int Category, string Title)[] products)
    {
        var builder = new ProductSnapshot.Builder(s_categories);
        foreach (var (id, category, title) in products)
        {
            builder.Add(id, category, title);
        }

        return builder.Build(new CatalogFingerprint(products.Length, products.Length == 0 ? 0 : products[^1].Id, 0, 0), DateTime.UtcNow);
    }

    [Fact]
    public void Looks_products_up_by_id_and_lists_the_ids_of_each_category_in_order()
    {
        var snapshot = Snapshot((2, 7, "Red shoe"), (5, 3, "Tote"), (11, 7, "Blue shoé"), (40, 3, "Tote"));

        Assert.True(snapshot.TryGet(11, out var product));
        Assert.Equal((11, "Blue shoé", "Shoe", ProductSummary.ImageUrlFor(11)), (product.Id, product.Title, product.Category, product.ImageUrl));
        Assert.False(snapshot.TryGet(12, out _));
        Assert.Equal([2, 5, 11, 40], snapshot.IdsIn(null).ToArray());
        Assert.Equal([2, 11], snapshot.IdsIn("Shoe").ToArray());
        Assert.Equal([5, 40], snapshot.IdsIn("Bag").ToArray());
        Assert.True(snapshot.IdsIn("Hat").IsEmpty);
        // Only categories that have products, ordinal order.
        Assert.Equal(["Bag", "Shoe"], snapshot.Categories);
        Assert.True(snapshot.InCategory("Bag")(40));
        Assert.False(snapshot.InCategory("Bag")(2));
        Assert.False(snapshot.InCategory("Hat")(2));
    }

    [Fact]
    public void Title_search_ignores_ascii_case_and_never_matches_across_two_titles()
    {
        var snapshot = Snapshot((1, 7, "Red SHOE"), (2, 3, "shoebox"), (3, 7, "Boot"), (4, 7, "Sho"), (5, 7, "eBay shoe shoe"));

        Assert.Equal([1, 2, 5], snapshot.IdsWithTitle(" shoe ", null));
        Assert.Equal([1, 5], snapshot.IdsWithTitle("Shoe", "Shoe"));
        // "Sho" + "eBay" would read "shoe" if titles ran into one another.
        Assert.Equal([1, 4, 5], snapshot.IdsWithTitle("sho", "Shoe"));
        Assert.DoesNotContain(4, snapshot.IdsWithTitle("shoe", null));
        Assert.Equal([5], snapshot.IdsWithTitle("ebay", null));
        Assert.Empty(snapshot.IdsWithTitle("%", null));
        Assert.Empty(snapshot.IdsWithTitle("shoe", "Hat"));
    }
}
