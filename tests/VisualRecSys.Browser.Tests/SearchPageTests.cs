using Microsoft.Playwright;
using VisualRecSys.Testing;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class SearchPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_shopper_uploads_a_photo_and_sees_similar_products()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl });
        try
        {
            await page.GotoAsync("/search");
            await page.Locator("[data-interactive='true']").WaitForAsync();

            var query = Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "demo-catalog", "query", "02001.png");
            await page.ChooseFilesAsync(query);

            var results = page.Locator("[data-testid='search-results'] .product-card");
            // Embedding the upload competes with the other test classes' apps on 2 cores (and, once, with a 70,000-image
            // embedding run on the same machine, which made 30 s too short): allow for it.
            await Assertions.Expect(results).ToHaveCountAsync(24, new() { Timeout = 90_000 });
            await Assertions.Expect(page.Locator(".upload-preview img")).ToHaveCountAsync(1);
            var scores = await page.Locator("[data-testid='search-results'] .product-score").AllTextContentsAsync();
            var values = scores.Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(values.OrderByDescending(v => v), values);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
