using System.Globalization;
using Microsoft.Playwright;
using VisualRecSys.Testing;

namespace VisualRecSys.Browser.Tests;

/// <summary>
/// Cards side by side end level: a long category ("Ankle boot") stays on one line instead of wrapping and pushing its
/// thumbs down below its neighbours'. The grid checked really holds an Ankle boot next to a shorter category, at
/// widths where the name wrapped before the card kept it on one line.
/// </summary>
[Collection(SharedBrowser.Name)]
public class ProductCardRowTests(BrowserFixture fixture)
{
    private const string LongestCategory = "Ankle boot";

    /// <summary>
    /// Two columns on phones, six on a desktop. The 280 px of a folded phone's cover screen make the narrowest cards
    /// (112 px): there "Ankle boot" beside the thumbs needs two lines unless the card keeps it on one.
    /// </summary>
    public static TheoryData<int, int> Viewports => new() { { 280, 653 }, { 320, 640 }, { 390, 844 }, { 1440, 900 } };

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task In_every_row_of_similar_products_the_thumbs_and_the_card_bottoms_are_level(int width, int height)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        try
        {
            // A Pullover's 48 most similar products are the whole test catalog but itself: every category, so the
            // grid holds Ankle boots beside Bags, Coats and the rest.
            await page.GotoAsync("/store?category=Pullover");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var pullover = await page.Locator(".product-card").First.GetAttributeAsync("data-product-id");
            await page.GotoAsync($"/products/{pullover}?show=48");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var cards = page.Locator("[data-testid='similar-products'] .product-card");
            await Assertions.Expect(cards).ToHaveCountAsync(AppFactory.ProductCount - 1, new() { Timeout = 30_000 });

            var rows = (await MeasureAsync(page)).GroupBy(c => Math.Round(c.Top)).ToList();
            Assert.Contains(rows, row => row.Any(c => c.Category == LongestCategory) && row.Any(c => c.Category != LongestCategory));
            foreach (var row in rows)
            {
                var where = $"{width} px, row at y {row.Key}: " + string.Join(", ", row.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Category} thumbs {c.ThumbsTop:F1} bottom {c.Bottom:F1}")));
                Assert.True(row.Max(c => c.ThumbsTop) - row.Min(c => c.ThumbsTop) <= 1, "thumbs not level at " + where);
                Assert.True(row.Max(c => c.Bottom) - row.Min(c => c.Bottom) <= 1, "card bottoms not level at " + where);
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>Each card's top, bottom, thumbs-up top (page coordinates) and category.</summary>
    private static async Task<CardBox[]> MeasureAsync(IPage page) =>
        await page.EvaluateAsync<CardBox[]>(
            """
            () => [...document.querySelectorAll("[data-testid='similar-products'] .product-card")].map(card => {
                const box = card.getBoundingClientRect();
                return {
                    category: card.querySelector('.product-category').textContent.trim(),
                    top: box.top + window.scrollY,
                    bottom: box.bottom + window.scrollY,
                    thumbsTop: card.querySelector('button.feedback-up').getBoundingClientRect().top + window.scrollY,
                };
            })
            """);

    /// <summary>Settable properties: Playwright fills the result of an evaluation through a parameterless constructor.</summary>
    private sealed class CardBox
    {
        public string Category { get; set; } = "";

        public double Top { get; set; }

        public double Bottom { get; set; }

        public double ThumbsTop { get; set; }
    }
}
