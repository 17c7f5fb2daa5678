using Bunit;
using Microsoft.AspNetCore.Components;
using VisualRecSys.Web.Components.Shared;

namespace VisualRecSys.Web.Tests.Components.Shared;

public class ProductCardFeedbackTests : MudTestContext
{
    [Fact]
    public void Thumbs_buttons_send_the_product_and_the_label()
    {
        var votes = new List<(int, int)>();
        var binding = new FeedbackBinding(new Dictionary<int, int>(), EventCallback.Factory.Create<(int ProductId, int Label)>(this, votes.Add));
        var card = Context.Render<ProductCard>(p => p
            .Add(c => c.Item, new ProductCardModel(5, "Bag #5", "Bag", "/images/5", 0.9f))
            .Add(c => c.Feedback, binding));

        card.Find("button.feedback-up").Click();
        card.Find("button.feedback-down").Click();

        Assert.Equal([(5, 1), (5, -1)], votes);
    }

    [Fact]
    public void The_label_already_given_shows_as_pressed()
    {
        var binding = new FeedbackBinding(new Dictionary<int, int> { [5] = -1 }, default);
        var card = Context.Render<ProductCard>(p => p
            .Add(c => c.Item, new ProductCardModel(5, "Bag #5", "Bag", "/images/5"))
            .Add(c => c.Feedback, binding));

        Assert.Equal("true", card.Find("button.feedback-down").GetAttribute("aria-pressed"));
        Assert.Equal("false", card.Find("button.feedback-up").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Without_a_binding_there_are_no_feedback_buttons()
    {
        var card = Context.Render<ProductCard>(p => p.Add(c => c.Item, new ProductCardModel(5, "Bag #5", "Bag", "/images/5")));

        Assert.Empty(card.FindAll(".product-feedback"));
    }
}
