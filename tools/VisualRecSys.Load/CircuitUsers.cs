using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace VisualRecSys.Load;

/// <summary>
/// Shoppers in real Chromium, each holding one Blazor Server circuit: open the store, then go from product to similar
/// product (and back to the store now and then) by clicking, as a person does, so every step is a navigation inside
/// the circuit. A step is timed from the click until the new product and its similar products are on screen.
/// </summary>
internal sealed class CircuitUsers(IBrowser browser, Uri target, Recorder recorder)
{
    private const int SimilarShown = 12;
    private static readonly PageWaitForSelectorOptions s_wait = new() { Timeout = 30_000 };

    private readonly TaskCompletionSource _allOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _consoleErrors;
    private int _opened;
    private int _users;

    /// <summary>Console errors the pages reported (a dropped circuit, a failed script) while measuring.</summary>
    public int ConsoleErrors => _consoleErrors;

    /// <summary>Completes when every shopper has its store page open (its circuit connected), or failed to.</summary>
    public Task AllOpened => _allOpened.Task;

    public Task RunAsync(int users, CancellationToken ct)
    {
        _users = users;
        return Task.WhenAll(Enumerable.Range(0, users).Select(u => Task.Run(() => ShopAsync(new Random(u), ct), CancellationToken.None)));
    }

    private async Task ShopAsync(Random random, CancellationToken ct)
    {
        // One context per shopper: its own cookies, so its own session and circuit.
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = target.ToString() });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && recorder.Measuring)
            {
                Interlocked.Increment(ref _consoleErrors);
            }
        };

        try
        {
            // Opening counts as warm-up: 20 Chromium pages starting at once on a small machine say little about the app.
            await page.GotoAsync("/store");
            await page.WaitForSelectorAsync("[data-interactive='true']", s_wait);
            await page.WaitForSelectorAsync(".product-card", s_wait);
        }
        finally
        {
            if (Interlocked.Increment(ref _opened) == _users)
            {
                _allOpened.TrySetResult();
            }
        }

        for (var step = 1; !ct.IsCancellationRequested; step++)
        {
            try
            {
                // Between clicks a shopper looks at the page for a second or two.
                await Task.Delay(random.Next(1000, 2500), ct);
                if (step % 8 == 0)
                {
                    await recorder.TimeAsync("circuit: back to the store", () => BackToStoreAsync(page));
                }
                else
                {
                    await recorder.TimeAsync("circuit: open a product", () => OpenProductAsync(page, random));
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await page.CloseAsync();
    }

    private static async Task<string?> OpenProductAsync(IPage page, Random random)
    {
        var links = page.Locator("a.product-card-link");
        var count = await links.CountAsync();
        if (count == 0)
        {
            return "no product cards on " + page.Url;
        }

        var chosen = links.Nth(random.Next(count));
        var href = await chosen.GetAttributeAsync("href");
        var title = await chosen.GetAttributeAsync("title");
        // Click by the link's target, not its position: the grid may re-render between reading and clicking.
        await page.Locator($"a.product-card-link[href='{href}']").First.ClickAsync();
        await page.WaitForURLAsync("**" + href, new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        await page.Locator("h1", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(title ?? "")}\\s*$") }).WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("[data-testid='similar-products'] .product-card").Nth(SimilarShown - 1).WaitForAsync(new() { Timeout = 30_000 });
        return null;
    }

    private static async Task<string?> BackToStoreAsync(IPage page)
    {
        await page.Locator("a[href='/store']").First.ClickAsync();
        await page.WaitForURLAsync("**/store", new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync(".product-card", s_wait);
        return null;
    }
}
