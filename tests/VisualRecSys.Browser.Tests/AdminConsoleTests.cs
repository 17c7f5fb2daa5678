using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class AdminConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_starts_a_rebuild_watches_its_progress_and_activates_the_new_build()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Admin);
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await page.Locator("a.nav-admin").ClickAsync();
            await page.WaitForURLAsync("**/admin");
            await page.Locator("[data-interactive='true']").WaitForAsync();

            var trees = page.Locator(".build-trees input");
            await trees.FillAsync("150");
            await trees.PressAsync("Tab");
            var start = page.Locator("button.start-build");
            await Assertions.Expect(start).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await start.ClickAsync();

            // The bar advances while the trees are built: two different counts seen, the later one larger.
            var job = page.Locator("[data-testid='admin-job'][data-kind='build'][data-status='running']");
            await job.WaitForAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid='admin-job'] .admin-job-progress")).ToBeVisibleAsync();
            // The count and the stage line read together, while the trees are being built.
            // A job that ends first, or a panel that stops changing, fails with what the panel showed last.
            var seen = await WaitForPanelAsync(page,
                "() => { const e = document.querySelector(\"[data-testid='admin-job']\"); if (!e) return null;"
                + " if (e.dataset.status !== 'running') return [e.dataset.status, e.dataset.done, e.textContent];"
                + " const stage = e.querySelector('.admin-job-stage').textContent;"
                + " return +e.dataset.done > 0 && stage.includes('Building trees') ? [e.dataset.status, e.dataset.done, stage] : null; }");
            Assert.True(seen[0] == "running", $"The build was {seen[0]} before any of its trees was seen: {seen[2]}");
            var firstDone = int.Parse(seen[1], CultureInfo.InvariantCulture);
            Assert.Contains("Building trees", seen[2], StringComparison.Ordinal);
            Assert.Contains("of 150 trees", seen[2], StringComparison.Ordinal);
            await page.WaitForFunctionAsync(
                "d => { const e = document.querySelector(\"[data-testid='admin-job']\"); return e && (+e.dataset.done > d || e.dataset.status !== 'running'); }",
                firstDone, new() { Timeout = 30_000 });
            Assert.InRange(firstDone, 1, 149);

            var done = page.Locator("[data-testid='admin-job'][data-status='completed']");
            await done.WaitForAsync(new() { Timeout = 60_000 });
            var buildId = int.Parse((await done.GetAttributeAsync("data-build-id"))!, CultureInfo.InvariantCulture);

            // Its row in the history: ready, measured, not yet serving; activating it switches serving at once.
            var row = page.Locator($"[data-testid='builds-table'] tr[data-build-id='{buildId}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "ready");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-active", "false");
            await Assertions.Expect(row.Locator(".build-recall")).Not.ToHaveTextAsync("–");
            await row.Locator("button.activate-build").ClickAsync();
            await Assertions.Expect(row).ToHaveAttributeAsync("data-active", "true");
            await Assertions.Expect(page.Locator(".build-message")).ToContainTextAsync($"Index build {buildId} serves now");

            using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
            var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
            Assert.Equal(buildId, status.GetProperty("index").GetProperty("buildId").GetInt32());

            // Leaving and coming back finds the finished job where it was.
            await page.GotoAsync("/store");
            await page.GotoAsync("/admin");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await Assertions.Expect(page.Locator($"[data-testid='admin-job'][data-build-id='{buildId}']")).ToHaveAttributeAsync("data-status", "completed");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static async Task<string[]> WaitForPanelAsync(IPage page, string condition)
    {
        try
        {
            var handle = await page.WaitForFunctionAsync(condition, null, new() { Timeout = 30_000 });
            return await handle.JsonValueAsync<string[]>();
        }
        catch (TimeoutException e)
        {
            var panel = await page.Locator("[data-testid='admin-job']").EvaluateAllAsync<string>("es => es.map(e => e.outerHTML).join('\\n')");
            var reconnect = await page.Locator("#components-reconnect-modal, .components-reconnect-show").CountAsync();
            throw new TimeoutException($"{e.Message} The panel showed: {panel}; reconnect UI elements: {reconnect}", e);
        }
    }

    [Fact]
    public async Task A_visitor_is_sent_to_the_sign_in_page_and_an_analyst_sees_no_admin_link()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl });
        try
        {
            await page.GotoAsync("/admin");
            await page.WaitForURLAsync("**/account/login?*");
            await Assertions.Expect(page.Locator("[data-testid='sign-in-form']")).ToBeVisibleAsync();

            await fixture.SignInAsync(page, AppRoles.Analyst);
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("a.nav-quality")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("a.nav-admin")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".signed-in-as")).ToHaveTextAsync(VisualRecSys.Testing.TestUsers.EmailOf(AppRoles.Analyst));

            await page.Locator("button.sign-out").ClickAsync();
            await page.WaitForURLAsync(fixture.BaseUrl.TrimEnd('/') + "/");
            await Assertions.Expect(page.Locator("a.sign-in")).ToBeVisibleAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
