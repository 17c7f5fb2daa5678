using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.Duplicates;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class DuplicatesPageTests(BrowserFixture fixture)
{
    // The shared app serves the raw backbone, whose cosines run higher than the head's: a lower threshold finds clusters in its 30 products.
    private const string Threshold = "0.9";

    [Fact]
    public async Task An_admin_scans_for_duplicates_hides_all_but_one_of_a_cluster_and_the_store_no_longer_shows_them()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        var hidden = new List<int>();
        try
        {
            await fixture.SignInAsync(page, AppRoles.Admin);
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await page.Locator("a.nav-admin").ClickAsync();
            await page.WaitForURLAsync("**/admin");
            await page.Locator(".admin-nav a[href='/admin/duplicates']").ClickAsync();
            await page.WaitForURLAsync("**/admin/duplicates");
            await page.Locator("[data-interactive='true']").WaitForAsync();

            var threshold = page.Locator(".duplicate-threshold input");
            await threshold.FillAsync(Threshold);
            await threshold.PressAsync("Tab");
            var start = page.Locator("button.start-scan");
            await Assertions.Expect(start).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await start.ClickAsync();
            await page.Locator("[data-testid='admin-job'][data-kind='duplicates'][data-status='completed']").WaitForAsync(new() { Timeout = 60_000 });

            // The smallest cluster (listed last): keep its first product, hide the others.
            var clusters = page.Locator(".duplicate-cluster");
            await Assertions.Expect(clusters.First).ToBeVisibleAsync();
            var cluster = clusters.Last;
            var members = cluster.Locator(".duplicate-member");
            var ids = (await members.EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.product)")).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList();
            var categories = await members.EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.category)");
            Assert.True(ids.Count >= 2, $"A cluster of {ids.Count}");
            await Assertions.Expect(cluster.Locator("button.hide-others")).ToContainTextAsync($"Hide all but #{ids[0]}");
            await cluster.Locator("button.hide-others").ClickAsync();
            hidden.AddRange(ids.Skip(1));
            await Assertions.Expect(cluster.Locator(".duplicate-member[data-hidden='true']")).ToHaveCountAsync(ids.Count - 1);
            await Assertions.Expect(page.Locator(".duplicate-message")).ToContainTextAsync($"kept #{ids[0]}");
            // The cluster's products line up at the top, whatever each shows under its image (a hidden one shows more).
            var tops = await members.Locator("img").EvaluateAllAsync<double[]>("es => es.map(e => e.getBoundingClientRect().top)");
            Assert.True(tops.Max() - tops.Min() < 1, $"The images' tops: {string.Join(", ", tops)}");
            await Assertions.Expect(page.Locator($"[data-testid='hidden-table'] tr[data-product='{hidden[0]}']")).ToBeVisibleAsync();
            Assert.Empty(await PageAudit.ProblemsAsync(page, "/admin/duplicates"));
            Directory.CreateDirectory(Path.Combine(TestCatalog.RepositoryRoot, "docs", "screenshots"));
            await cluster.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(TestCatalog.RepositoryRoot, "docs", "screenshots", "duplicates.png") });

            // The store: each category's listing (3 products, one page) shows the kept product and none of the hidden ones;
            // their pages lead to the kept product.
            for (var i = 0; i < ids.Count; i++)
            {
                var store = await page.GotoAsync($"/store?category={Uri.EscapeDataString(categories[i])}");
                Assert.Equal((int)HttpStatusCode.OK, store!.Status);
                await Assertions.Expect(page.Locator(".product-card").First).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator($".product-card[data-product-id='{ids[i]}']")).ToHaveCountAsync(i == 0 ? 1 : 0);
            }

            foreach (var id in hidden)
            {
                Assert.Equal((int)HttpStatusCode.OK, (await page.GotoAsync($"/products/{id}"))!.Status);
                Assert.EndsWith($"/products/{ids[0]}", page.Url, StringComparison.Ordinal);
            }

            // Shown again from the page: back in the store.
            await page.GotoAsync("/admin/duplicates");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await page.Locator($"[data-testid='hidden-table'] tr[data-product='{hidden[0]}'] button.show-again").ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid='hidden-table'] tr[data-product='{hidden[0]}']")).ToHaveCountAsync(0);
            Assert.Equal((int)HttpStatusCode.OK, (await page.GotoAsync($"/products/{hidden[0]}"))!.Status);
        }
        finally
        {
            // The other browser tests share this app: leave every product in the store.
            var hiding = fixture.Factory.Services.GetRequiredService<ProductHiding>();
            foreach (var id in hidden)
            {
                await hiding.ShowAsync(id, CancellationToken.None);
            }

            await page.CloseAsync();
        }
    }
}
