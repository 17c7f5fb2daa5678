using Microsoft.Playwright;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class StorePageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_next_page_opens_at_its_top_not_where_the_pager_was()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        try
        {
            await page.GotoAsync("/store");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var firstOfPageOne = await page.Locator(".product-card").First.GetAttributeAsync("data-product-id");

            var next = page.Locator(".store-pagination button").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*2\\s*$") });
            await next.ScrollIntoViewIfNeededAsync();
            Assert.True(await page.EvaluateAsync<double>("() => window.scrollY") > 500, "the pager should be below the first screen of a phone");
            await next.ClickAsync();

            await page.WaitForFunctionAsync("() => location.search === '?page=2'");
            await Assertions.Expect(page.Locator(".product-card").First).Not.ToHaveAttributeAsync("data-product-id", firstOfPageOne!);
            await page.WaitForFunctionAsync("() => window.scrollY === 0", null, new() { Timeout = 5_000 });
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
