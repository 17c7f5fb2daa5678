using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using VisualRecSys.Testing;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class WhyOverlayTests(BrowserFixture fixture)
{
    /// <summary>Where the README's picture of the overlay is saved.</summary>
    private static string ScreenshotPath => Path.Combine(TestCatalog.RepositoryRoot, "docs", "screenshots", "why.png");

    [Fact]
    public async Task Why_on_a_similar_product_overlays_both_images_with_a_legend_and_says_where_the_likeness_lies()
    {
        var page = await NewPageAsync(1280, 900);
        try
        {
            await page.GotoAsync("/store?category=Sneaker");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var id = await page.Locator(".product-card").First.GetAttributeAsync("data-product-id");
            await page.GotoAsync($"/products/{id}");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var toggle = page.Locator("[data-testid='similar-products'] .product-card").First.Locator(".why-toggle");
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false", new() { Timeout = 30_000 });

            await toggle.ClickAsync();

            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
            var panel = page.Locator("[data-testid='why-panel']");
            // Two images of 7 × 7 cells each, once the maps are computed (seconds on a loaded 2-core machine).
            await Assertions.Expect(panel.Locator(".why-overlay")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
            await Assertions.Expect(panel.Locator(".why-cell")).ToHaveCountAsync(2 * 49);
            await Assertions.Expect(panel.Locator("[data-testid='why-legend']")).ToBeVisibleAsync();
            await Assertions.Expect(panel.Locator("[data-testid='why-legend']")).ToContainTextAsync("Most of the likeness");
            await Assertions.Expect(panel.Locator(".why-text").First).ToContainTextAsync("likeness");
            var coloured = await panel.Locator(".why-cell").EvaluateAllAsync<int>(
                "cells => cells.filter(c => !getComputedStyle(c).backgroundColor.endsWith(', 0)')).length");
            Assert.True(coloured > 0, "no cell of the overlay is coloured");
            var loaded = await panel.Locator("img").EvaluateAllAsync<int>("images => images.filter(i => i.complete && i.naturalWidth > 0).length");
            Assert.Equal(2, loaded);

            Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
            await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath });

            // On a phone the two images still sit side by side within the screen, and the open panel passes axe-core's WCAG 2.1 A/AA rules.
            await page.SetViewportSizeAsync(390, 844);
            var overflow = await panel.EvaluateAsync<bool>("p => p.scrollWidth > p.clientWidth");
            Assert.False(overflow, "the why panel overflows a phone's width");
            // Scoped to the panel: the rest of the page is audited by PhoneAndAccessibilityTests.
            var axe = await page.RunAxe(
                new AxeRunContext { Include = [new AxeSelector("[data-testid='why-panel']")] },
                new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            Assert.True(axe.Violations.Length == 0, string.Join(Environment.NewLine, axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
            await Assertions.Expect(panel).ToHaveCountAsync(0);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_why_on_the_last_result_brings_the_panel_into_view_with_the_focus_and_closing_it_returns_the_focus()
    {
        var page = await NewPageAsync(390, 844);
        try
        {
            await page.GotoAsync("/products/1");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var cards = page.Locator("[data-testid='similar-products'] .product-card");
            await Assertions.Expect(cards).ToHaveCountAsync(12, new() { Timeout = 30_000 });
            var toggle = cards.Last.Locator(".why-toggle");

            // The panel opens above the results, rows of cards away from the last one's button.
            await toggle.ClickAsync();

            var panel = page.Locator("[data-testid='why-panel']");
            await Assertions.Expect(panel.Locator("h3")).ToBeInViewportAsync();
            await Assertions.Expect(toggle).Not.ToBeInViewportAsync();
            await Assertions.Expect(panel.Locator("h3")).ToBeFocusedAsync();

            // Closed with its own button (by keyboard), the panel hands the focus back to the toggle that opened it.
            await panel.Locator(".why-close").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(panel).ToHaveCountAsync(0);
            await Assertions.Expect(toggle).ToBeFocusedAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private Task<IPage> NewPageAsync(int width, int height) =>
        fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } });
}
