using System.Globalization;
using Microsoft.Playwright;
using VisualRecSys.Web.Accounts;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class QualityPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_analyst_runs_an_evaluation_and_reads_the_per_category_table()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Analyst);
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await page.Locator("a.nav-quality").ClickAsync();
            await page.WaitForURLAsync("**/quality");
            await page.Locator("[data-interactive='true']").WaitForAsync();

            // The defaults: the app's model, its active build, k = 10, all queries.
            var start = page.Locator("button.start-evaluation");
            await Assertions.Expect(start).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await start.ClickAsync();
            var job = page.Locator("[data-testid='evaluation-job'][data-status='completed']");
            await job.WaitForAsync(new() { Timeout = 60_000 });
            var runId = await job.GetAttributeAsync("data-run-id");
            await Assertions.Expect(page.Locator($"[data-testid='runs-table'] a.run-link[href='/quality/runs/{runId}']")).ToHaveCountAsync(1);

            // The worker, not the page, holds the progress: leaving and coming back shows the same run.
            await page.GotoAsync("/store");
            await page.GotoAsync("/quality");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await Assertions.Expect(page.Locator($"[data-testid='evaluation-job'][data-run-id='{runId}']")).ToHaveAttributeAsync("data-status", "completed");

            await page.Locator("[data-testid='evaluation-job'] a.evaluation-run-link").ClickAsync();
            await page.WaitForURLAsync($"**/quality/runs/{runId}");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var categories = page.Locator("[data-testid='category-table'] .category-name");
            await Assertions.Expect(categories).ToHaveCountAsync(10);
            var names = await categories.AllTextContentsAsync();
            Assert.Contains("Sneaker", names.Select(n => n.Trim()));
            // The test catalog has no held-out products: each of the 3 products per category is searched among the other 29.
            var queries = await page.Locator("[data-testid='category-table'] td.figure:nth-child(2)").AllTextContentsAsync();
            Assert.All(queries, q => Assert.Equal("3", q.Trim()));
            var precision = await page.Locator("[data-testid='category-table'] td.p1").AllTextContentsAsync();
            Assert.Equal(10, precision.Count);
            Assert.All(precision, p => Assert.InRange(double.Parse(p.Trim(), CultureInfo.InvariantCulture), 0.0, 1.0));
            await Assertions.Expect(page.Locator(".leave-one-out")).ToHaveCountAsync(1);

            // The chart draws a bar per category and series; the worst queries show their images.
            Assert.True(await page.Locator("[data-testid='category-chart'] path.mud-chart-bar").CountAsync() >= 30);
            await Assertions.Expect(page.Locator("[data-testid='worst-queries'] .worst-query").First).ToBeVisibleAsync();
            var loaded = await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('.worst-query img')].filter(i => i.complete && i.naturalWidth > 0).length");
            Assert.True(loaded > 0);

            // Sorting by P@1 puts the lowest first.
            await page.Locator("[data-testid='category-table'] .sort-p1").ClickAsync();
            var lowest = precision.Select(p => p.Trim()).Min(StringComparer.Ordinal)!;
            await Assertions.Expect(page.Locator("[data-testid='category-table'] td.p1").First).ToHaveTextAsync(lowest);
            var sorted = (await page.Locator("[data-testid='category-table'] td.p1").AllTextContentsAsync())
                .Select(p => double.Parse(p.Trim(), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sorted.Order(), sorted);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
