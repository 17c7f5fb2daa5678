using Bunit;
using VisualRecSys.Web.Components.Shared;

namespace VisualRecSys.Web.Tests.Components.Shared;

public class ProductGridTests : MudTestContext
{
    private static ProductCardModel Card(int id, float? score = null) =>
        new(id, $"Sneaker #{id}", "Sneaker", $"/images/{id}?size=256", score);

    [Fact]
    public void Renders_one_card_per_product_in_order_with_links_to_product_pages()
    {
        var items = new[] { Card(7), Card(3), Card(12) };

        var grid = Context.Render<ProductGrid>(p => p.Add(g => g.Items, items));

        var cards = grid.FindAll(".product-card");
        Assert.Equal(3, cards.Count);
        Assert.Equal(["7", "3", "12"], cards.Select(c => c.GetAttribute("data-product-id")));
        Assert.Equal("Sneaker #3", grid.FindAll(".product-title a")[1].TextContent);
        Assert.Equal("/products/12", grid.FindAll("a.product-card-link")[2].GetAttribute("href"));
    }

    [Fact]
    public void Shows_similarity_scores_only_for_search_results()
    {
        var grid = Context.Render<ProductGrid>(p => p.Add(g => g.Items, [Card(1, 0.91234f), Card(2)]));

        var scores = grid.FindAll(".product-score");
        Assert.Single(scores);
        Assert.Contains("0.912", scores[0].TextContent);
    }

    [Fact]
    public void Empty_list_shows_the_empty_text_instead_of_a_grid()
    {
        var grid = Context.Render<ProductGrid>(p => p
            .Add(g => g.Items, Array.Empty<ProductCardModel>())
            .Add(g => g.EmptyText, "Nothing here"));

        Assert.Empty(grid.FindAll(".product-card"));
        Assert.Contains("Nothing here", grid.Find(".product-grid-empty").TextContent);
    }

    [Fact]
    public void Test_id_marks_the_grid_so_pages_can_tell_grids_apart()
    {
        var grid = Context.Render<ProductGrid>(p => p.Add(g => g.Items, [Card(1)]).Add(g => g.TestId, "similar-products"));

        Assert.Single(grid.FindAll("[data-testid='similar-products'] .product-card"));
    }
}
