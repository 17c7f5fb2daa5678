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

    [Fact]
    public async Task Removing_an_image_of_an_outfit_searches_again_with_the_images_left()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl });
        try
        {
            await page.GotoAsync("/search");
            await page.Locator("[data-interactive='true']").WaitForAsync();

            var folder = Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "demo-catalog", "query");
            await page.ChooseFilesAsync(Path.Combine(folder, "02001.png"), Path.Combine(folder, "02002.png"));
            var heading = page.Locator("h2").Filter(new() { HasTextString = "Products like this" });
            await Assertions.Expect(heading).ToHaveTextAsync("Products like this outfit of 2", new() { Timeout = 90_000 });
            // One list of the chosen images (the previews, each with its remove button), not a second one of chips.
            await Assertions.Expect(page.Locator(".image-drop-zone .mud-chip")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".upload-preview")).ToHaveCountAsync(2);

            await page.Locator(".upload-preview").First.Locator("button.remove-upload").ClickAsync();
            await Assertions.Expect(page.Locator(".upload-preview")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".upload-preview")).ToContainTextAsync("02002.png");
            await Assertions.Expect(heading).ToHaveTextAsync("Products like this image", new() { Timeout = 90_000 });

            await page.Locator(".upload-preview button.remove-upload").ClickAsync();
            await Assertions.Expect(page.Locator(".upload-preview")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid='search-results']")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
