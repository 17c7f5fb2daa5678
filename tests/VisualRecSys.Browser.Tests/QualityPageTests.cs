using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Quality.Runs;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class QualityPageTests(BrowserFixture fixture)
{
    // Set to a folder to keep screenshots of the run and compare pages (to look at the layout).
    private static readonly string? s_screenshots = Environment.GetEnvironmentVariable("VISUALRECSYS_SCREENSHOTS");

    [Fact]
    public async Task An_analyst_runs_an_evaluation_and_reads_both_ground_truths_per_category_and_compares_two_runs()
    {
        // The console's design width: every table must fit it.
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Analyst);
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await page.Locator("a.nav-quality").ClickAsync();
            await page.WaitForURLAsync("**/quality");
            await page.Locator("[data-interactive='true']").WaitForAsync();

            // The defaults (the app's model, its active build, k = 10, all queries, instance figures on), with a small
            // instance sample: 10 products × 2 edited copies, embedded by the model on 2 shared cores.
            var start = page.Locator("button.start-evaluation");
            await Assertions.Expect(start).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await SetInstanceOptionsAsync(page, edits: 2, products: 10);
            await ScreenshotAsync(page, "launcher", "[data-testid='evaluation-launcher']");
            await start.ClickAsync();
            var job = page.Locator("[data-testid='evaluation-job'][data-status='completed']");
            await job.WaitForAsync(new() { Timeout = 90_000 });
            var runId = await job.GetAttributeAsync("data-run-id");
            await Assertions.Expect(job).ToContainTextAsync("20 instance searches");
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
            Assert.All(precision, p => Assert.InRange(Number(p), 0.0, 1.0));
            await Assertions.Expect(page.Locator(".leave-one-out")).ToHaveCountAsync(1);

            // The second ground truth beside the first: overall tiles, per edit, per category.
            var instance = page.Locator("[data-testid='instance-figures']");
            Assert.InRange(Number(await instance.Locator("[data-figure='Inst. R@1'] .overall-value").TextContentAsync()), 0.0, 1.0);
            Assert.InRange(Number(await instance.Locator("[data-figure='MRR'] .overall-value").TextContentAsync()), 0.0, 1.0);
            await Assertions.Expect(instance.Locator("[data-figure='Searches'] .overall-value")).ToHaveTextAsync("20");
            await Assertions.Expect(instance.Locator("[data-figure='Edits per product'] .overall-value")).ToHaveTextAsync("2");
            var edits = await instance.Locator("tr.edit-row .edit-searches").AllTextContentsAsync();
            Assert.Equal(20, edits.Sum(e => int.Parse(e.Trim(), CultureInfo.InvariantCulture)));
            // Of 10 sampled products not every category has one: those show no instance recall, the others a share.
            var categoryRecall = await page.Locator("[data-testid='category-table'] td.inst-r1").AllTextContentsAsync();
            Assert.Equal(10, categoryRecall.Count);
            Assert.Contains(categoryRecall, r => r.Trim() != "–");
            await Assertions.Expect(page.Locator("[data-testid='lost-originals']")).ToHaveCountAsync(1);

            // The chart draws a bar per category and series; the worst queries show their images.
            Assert.True(await page.Locator("[data-testid='category-chart'] path.mud-chart-bar").CountAsync() >= 40);
            await Assertions.Expect(page.Locator("[data-testid='worst-queries'] .worst-query").First).ToBeVisibleAsync();
            var loaded = await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('.worst-query img')].filter(i => i.complete && i.naturalWidth > 0).length");
            Assert.True(loaded > 0);

            // "Why?" under a neighbour shows the pair's maps under the query's row.
            var why = page.Locator("[data-testid='worst-queries'] .worst-query-neighbour .why-toggle").First;
            await why.ClickAsync();
            await Assertions.Expect(why).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.Locator("[data-testid='worst-queries'] [data-testid='why-panel'] .why-overlay"))
                .ToHaveCountAsync(2, new() { Timeout = 60_000 });
            await ScreenshotAsync(page, "run", "[data-testid='instance-figures']");
            await AssertNoOverflowAsync(page, "[data-testid='category-table']", "[data-testid='edit-table']", "[data-testid='confusion-map']");

            // Lost originals: the edited copy is made again by the API (through the page's CSP and the analyst's cookie)
            // and shown beside the original and its rank. A small catalog rarely loses one, so the run's report is stored
            // again with two made-up lost searches of real products.
            var (lostRun, lost) = await StoreRunWithLostOriginalsAsync(int.Parse(runId!, CultureInfo.InvariantCulture));
            await page.GotoAsync($"/quality/runs/{lostRun}?category={Uri.EscapeDataString(lost.Category)}");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var searches = page.Locator("[data-testid='lost-originals'] .lost-original");
            await Assertions.Expect(searches).ToHaveCountAsync(2);
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.lost-query-image')].every(i => i.complete && i.naturalWidth > 0)");
            var source = lost.Searches[0].Source;
            var expected = await EditedCopyAsync(source, lost.Searches[0].Edit!.Value, lost.Searches[0].EditSeed);
            Assert.Equal(expected.Width, await searches.First.Locator("img.lost-query-image").EvaluateAsync<int>("i => i.naturalWidth"));
            await Assertions.Expect(searches.First.Locator(".lost-rank")).ToHaveTextAsync("rank 2");
            await Assertions.Expect(searches.First.Locator(".lost-neighbour.is-original")).ToHaveAttributeAsync("data-product-id", source.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(searches.Nth(1).Locator(".lost-rank")).ToHaveTextAsync("not in the top 100");
            await ScreenshotAsync(page, "run-lost-originals", "[data-testid='lost-originals']");
            await AssertNoOverflowAsync(page, "[data-testid='lost-originals']", "[data-testid='category-table']");

            // Sorting by P@1 puts the lowest first.
            // Expected as the whole column, retried until the re-render lands (the first cell alone may be lowest already).
            await page.Locator("[data-testid='category-table'] .sort-p1").ClickAsync();
            var ascending = precision.Select(p => p.Trim()).OrderBy(Number).ToArray();
            await Assertions.Expect(page.Locator("[data-testid='category-table'] td.p1")).ToHaveTextAsync(ascending);

            // A second, smaller run, compared with the first on both ground truths.
            await page.GotoAsync("/quality");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await Assertions.Expect(start).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await SetInstanceOptionsAsync(page, edits: 1, products: 5);
            await start.ClickAsync();
            var second = page.Locator($"[data-testid='evaluation-job'][data-status='completed']:not([data-run-id='{runId}'])");
            await second.WaitForAsync(new() { Timeout = 90_000 });
            var secondId = await second.GetAttributeAsync("data-run-id");

            await page.GotoAsync($"/quality/compare?a={runId}&b={secondId}");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var overall = page.Locator("[data-testid='comparison-table'] tr[data-category='overall']");
            await Assertions.Expect(overall.Locator("td.delta[data-figure='Inst. R@1']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[+−]?[01]\\.\\d{3}$"));
            await Assertions.Expect(page.Locator("[data-testid='edit-comparison-table'] tr[data-edit='overall']")).ToContainTextAsync("20 / 5");
            await Assertions.Expect(page.Locator(".comparison-caveat").Filter(new() { HasText = "instance figures come from different searches" })).ToHaveCountAsync(1);
            await ScreenshotAsync(page, "compare", "[data-testid='comparison-table']");
            await AssertNoOverflowAsync(page, "[data-testid='comparison-table']", "[data-testid='edit-comparison-table']");
            // Every column is in view without the region's scroll bar, and no figure wraps onto a second line.
            foreach (var table in new[] { "comparison-table", "edit-comparison-table" })
            {
                Assert.True(await page.EvaluateAsync<bool>(
                    "t => { const r = document.querySelector(`[data-testid='${t}']`).closest('.scroll-region'); return r.scrollWidth <= r.clientWidth + 1; }", table),
                    $"{table} scrolls sideways at 1440 px");
                var wrapped = await page.EvaluateAsync<string[]>(
                    """
                    t => [...document.querySelectorAll(`[data-testid='${t}'] tbody tr > *`)].filter(c => {
                        const range = document.createRange();
                        range.selectNodeContents(c);
                        const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
                        return rects.some(r => Math.abs(r.top - rects[0].top) > 4);
                      }).map(c => c.textContent.trim())
                    """, table);
                Assert.True(wrapped.Length == 0, $"{table} wraps: {string.Join(" | ", wrapped)}");
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static double Number(string? text) => double.Parse(text!.Trim(), CultureInfo.InvariantCulture);

    private static async Task SetInstanceOptionsAsync(IPage page, int edits, int products)
    {
        await Assertions.Expect(page.Locator(".evaluation-instance input")).ToBeCheckedAsync();
        foreach (var (field, value) in new[] { (".evaluation-instance-edits input", edits), (".evaluation-instance-products input", products) })
        {
            var input = page.Locator(field);
            await input.FillAsync(value.ToString(CultureInfo.InvariantCulture));
            // The value reaches the server on change: leave the field, then wait for the round trip to settle.
            await input.PressAsync("Tab");
            await Assertions.Expect(input).ToHaveValueAsync(value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Stores run <paramref name="runId"/>'s report again as a new run whose first worst-query category lost two searches:
    /// a rephotographed copy of its first query product whose original came second, and a JPEG copy not found at all.
    /// </summary>
    private async Task<(int RunId, LostOriginals Lost)> StoreRunWithLostOriginalsAsync(int runId)
    {
        var store = fixture.Factory.Services.GetRequiredService<EvaluationRunStore>();
        var stored = (await store.LoadAsync(runId, CancellationToken.None))!;
        var report = stored.Report!;
        var worst = report.WorstQueries.First(w => w.Queries.Count > 0);
        var query = worst.Queries[0];
        var neighbours = query.Neighbours.Take(10).ToList();
        var lost = new LostOriginals
        {
            Category = worst.Category,
            Searches =
            [
                new LostOriginal
                {
                    Source = query.Id, Edit = ImageEditKind.Rephotograph, EditSeed = 1234, Description = "made up for the test", Rank = 2,
                    Neighbours = [neighbours[0], new ReportedNeighbour(query.Id, worst.Category, neighbours[0].Score - 0.001f), .. neighbours.Skip(1).Take(8)],
                },
                new LostOriginal
                {
                    Source = query.Id, Edit = ImageEditKind.Jpeg, EditSeed = 99, Description = "quality 51", Rank = null, Neighbours = neighbours,
                },
            ],
        };
        var instance = report.Instance! with { LostOriginals = [.. report.Instance!.LostOriginals.Select(l => l.Category == lost.Category ? lost : l)] };
        var run = await EvaluatedRuns.StoredCopyAsync(fixture, runId, r => r with { Instance = instance });
        return (run, lost);
    }

    /// <summary>The edited copy as the evaluation makes it, from the product's stored image.</summary>
    private async Task<EditedImage> EditedCopyAsync(int product, ImageEditKind edit, int seed)
    {
        var services = fixture.Factory.Services;
        var file = await services.GetRequiredService<ProductCatalog>().FindImageFileAsync(product, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(services.GetRequiredService<DataPaths>().ImageFile(file!)!);
        return ImageEdits.Apply(bytes, edit, seed, ImageLimits.From(services.GetRequiredService<IOptions<EmbeddingOptions>>().Value));
    }

    /// <summary>Each element (and all it holds) ends within the page's content column, and the page does not scroll sideways.</summary>
    private static async Task AssertNoOverflowAsync(IPage page, params string[] selectors)
    {
        foreach (var selector in selectors)
        {
            var overflow = await page.EvaluateAsync<double>(
                """
                selector => {
                    const element = document.querySelector(selector);
                    const column = element.closest('.mud-container');
                    const right = column.getBoundingClientRect().right - parseFloat(getComputedStyle(column).paddingRight);
                    // Every descendant counts: a table clipped by a scrolling wrapper still sticks out of the column.
                    const widest = Math.max(...[element, ...element.querySelectorAll('*')].map(e => e.getBoundingClientRect().right));
                    return widest - right;
                }
                """, selector);
            Assert.True(overflow <= 0.5, $"{selector} overflows the content column by {overflow:F1} px at 1440 px");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
    }

    /// <summary>The whole page, and <paramref name="detail"/> on its own at full size, when screenshots are asked for.</summary>
    private static async Task ScreenshotAsync(IPage page, string name, string detail)
    {
        if (!string.IsNullOrEmpty(s_screenshots))
        {
            Directory.CreateDirectory(s_screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(s_screenshots, $"{name}.png"), FullPage = true });
            await page.Locator(detail).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(s_screenshots, $"{name}-detail.png") });
        }
    }
}
