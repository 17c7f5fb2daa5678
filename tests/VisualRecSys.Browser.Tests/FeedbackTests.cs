using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VisualRecSys.Data;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class FeedbackTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_thumbs_up_on_a_similar_product_is_stored()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl });
        try
        {
            await page.GotoAsync("/products/1");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var firstResult = page.Locator("[data-testid='similar-products'] .product-card").First;
            await firstResult.WaitForAsync(new() { Timeout = 30_000 });
            var resultId = int.Parse(await firstResult.GetAttributeAsync("data-product-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

            await firstResult.Locator("button.feedback-up").ClickAsync();
            await Assertions.Expect(firstResult.Locator("button.feedback-up")).ToHaveAttributeAsync("aria-pressed", "true");

            var factory = fixture.Factory.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var row = await db.Feedback.AsNoTracking().SingleAsync(f => f.QueryKey == "product:1" && f.ResultProductId == resultId);
            Assert.Equal(1, row.Label);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
