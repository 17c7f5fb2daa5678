using Microsoft.Playwright;
using VisualRecSys.Testing;

namespace VisualRecSys.Browser.Tests;

/// <summary>
/// On <c>/search</c>: a region drawn on the photo with the mouse (and nudged with the keyboard) is what is searched, and
/// an outfit shows the whole outfit's row and one row per piece. Each saves the README's screenshot of its feature.
/// </summary>
[Collection(SharedBrowser.Name)]
public class CropAndPiecesTests(BrowserFixture fixture)
{
    private static readonly string s_queries = Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "demo-catalog", "query");

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(TestCatalog.RepositoryRoot, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    [Fact]
    public async Task A_region_drawn_with_the_mouse_is_searched_and_changes_the_results()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1280, Height = 1000 } });
        try
        {
            await page.GotoAsync("/search");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await page.ChooseFilesAsync(Path.Combine(s_queries, "02001.png"));

            var scores = page.Locator("[data-testid='search-results'] .product-score");
            var regionText = page.Locator(".crop-region-text");
            await Assertions.Expect(scores).ToHaveCountAsync(24, new() { Timeout = 90_000 });
            await Assertions.Expect(regionText).ToHaveTextAsync("Searching the whole image (28×28)");
            var whole = await ResultsAsync(page);

            // Draw a box from a quarter to four fifths of the photo: the top of the garment and its left side.
            var frame = (await page.Locator(".crop-frame").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(frame.X + (frame.Width * 0.25f), frame.Y + (frame.Height * 0.1f));
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(frame.X + (frame.Width * 0.5f), frame.Y + (frame.Height * 0.4f), new() { Steps = 5 });
            await page.Mouse.MoveAsync(frame.X + (frame.Width * 0.85f), frame.Y + (frame.Height * 0.75f), new() { Steps = 5 });
            await page.Mouse.UpAsync();

            // 28 px: from 7 to 24 across, 3 to 21 down.
            await Assertions.Expect(regionText).ToHaveTextAsync("Searching the region 17×18 at (7, 3) of 28×28", new() { Timeout = 90_000 });
            await Assertions.Expect(page.Locator(".crop-box")).ToHaveAttributeAsync("aria-label", "Search region of 02001.png: x 7, y 3, 17 by 18 pixels of 28 by 28");
            await WaitForResultsOtherThanAsync(page, whole);

            // The keyboard moves it too: one pixel left once the keys rest.
            var drawn = await ResultsAsync(page);
            await page.Locator(".crop-box").FocusAsync();
            await page.Keyboard.PressAsync("ArrowLeft");
            await Assertions.Expect(regionText).ToHaveTextAsync("Searching the region 17×18 at (6, 3) of 28×28", new() { Timeout = 90_000 });
            await WaitForResultsOtherThanAsync(page, drawn);
            await ScreenshotFromRegionToFirstResultsAsync(page, Screenshot("crop.png"));

            await page.Locator("button.crop-reset").ClickAsync();
            await Assertions.Expect(regionText).ToHaveTextAsync("Searching the whole image (28×28)", new() { Timeout = 90_000 });
            await Assertions.Expect(page.Locator("[data-testid='search-results'] .product-card")).ToHaveCountAsync(24);
            await WaitForResultsAsync(page, whole);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task An_outfit_of_two_shows_the_whole_outfit_and_a_row_per_piece_also_on_a_phone()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1280, Height = 1000 } });
        try
        {
            await page.GotoAsync("/search");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await page.ChooseFilesAsync(Path.Combine(s_queries, "02001.png"), Path.Combine(s_queries, "02002.png"));

            var pieces = page.Locator("[data-testid='piece-row']");
            await Assertions.Expect(pieces).ToHaveCountAsync(2, new() { Timeout = 90_000 });
            await Assertions.Expect(page.Locator("h3").First).ToHaveTextAsync("The whole outfit");
            await Assertions.Expect(page.Locator("[data-testid='search-results'] .product-card")).ToHaveCountAsync(24);
            await Assertions.Expect(pieces.Nth(0).Locator("h3")).ToHaveTextAsync("Piece 1: 02001.png");
            await Assertions.Expect(pieces.Nth(1).Locator("h3")).ToHaveTextAsync("Piece 2: 02002.png");
            var firstRow = page.Locator("[data-testid='piece-results-1'] .product-card");
            var secondRow = page.Locator("[data-testid='piece-results-2'] .product-card");
            await Assertions.Expect(firstRow).ToHaveCountAsync(6);
            await Assertions.Expect(secondRow).ToHaveCountAsync(6);

            // Two different garments: their rows differ. Each piece also suggests what the outfit does not wear.
            var first = await firstRow.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.productId)");
            var second = await secondRow.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.productId)");
            Assert.NotEqual(first, second);
            await Assertions.Expect(pieces.Nth(0).Locator("[data-testid='complete-the-look-1'] .product-card").First).ToBeVisibleAsync();
            await Assertions.Expect(pieces.Nth(1).Locator("[data-testid='complete-the-look-2'] .product-card").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("outfit-pieces.png"), FullPage = true });

            // On a phone the rows wrap into two columns, nothing scrolls sideways, and axe finds nothing, crop box included.
            await page.SetViewportSizeAsync(390, 844);
            await Assertions.Expect(pieces).ToHaveCountAsync(2);
            Assert.Empty(await PageAudit.ProblemsAsync(page, "/search, an outfit of two at 390 px"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>The README's picture: the photo with its region, down to the first row of the products found.</summary>
    private static async Task ScreenshotFromRegionToFirstResultsAsync(IPage page, string path)
    {
        var edges = await page.EvaluateAsync<float[]>(
            """
            () => {
              const y = e => e.getBoundingClientRect();
              const top = y(document.querySelector('[data-testid=crop-editor]')).top + window.scrollY - 48;
              const bottom = y(document.querySelector('[data-testid=search-results] .product-card')).bottom + window.scrollY + 12;
              return [top, bottom];
            }
            """);
        var (top, bottom) = (edges[0], edges[1]);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            Clip = new Clip { X = 0, Y = top, Width = page.ViewportSize!.Width, Height = bottom - top },
        });
    }

    private static Task<string> ResultsAsync(IPage page) =>
        page.Locator("[data-testid='search-results'] .product-card").EvaluateAllAsync<string>(
            "cards => cards.map(c => c.dataset.productId + ':' + c.querySelector('.product-score').textContent).join(' ')");

    private static async Task WaitForResultsOtherThanAsync(IPage page, string before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await ResultsAsync(page) == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the results did not change");
            await Task.Delay(100);
        }
    }

    private static async Task WaitForResultsAsync(IPage page, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await ResultsAsync(page) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, "the results are not those of the whole image again");
            await Task.Delay(100);
        }
    }
}
