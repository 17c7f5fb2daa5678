using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VisualRecSys.Data;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Hosting;

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

    /// <summary>A ready build row with a stand-in file of <paramref name="bytes"/> bytes (sparse): enough for the history, not for serving.</summary>
    private async Task<IndexBuild> SeedBuildAsync(long bytes, DateTimeOffset? activatedAt = null, string? modelId = null)
    {
        var services = fixture.Factory.Services;
        var history = services.GetRequiredService<BuildHistory>();
        var served = services.GetRequiredService<ServedModel>();
        var build = new IndexBuild
        {
            Kind = IndexBuildKind.Forest, ModelId = modelId ?? served.ModelId, Metric = "angular", Status = IndexBuildStatus.Ready,
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-3), FinishedAt = DateTimeOffset.UtcNow.AddMinutes(-2), ItemCount = 30, Dimension = 512,
            Trees = 5, FileBytes = bytes, ActivatedAt = activatedAt,
        };
        await history.AddAsync(build, CancellationToken.None);
        build.FilePath = BuildFiles.RelativePathFor(build.Id);
        await using (var file = File.Create(services.GetRequiredService<BuildFiles>().FullPath(build.FilePath)))
        {
            file.SetLength(bytes);
        }

        await history.UpdateAsync(build);
        return build;
    }

    private async Task<IPage> OpenBuildsAsync()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        await fixture.SignInAsync(page, AppRoles.Admin);
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GotoAsync("/admin");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task Deleting_a_build_file_asks_first_naming_the_build_and_its_size_and_the_row_then_says_file_deleted()
    {
        var build = await SeedBuildAsync(12_345_678);
        var file = fixture.Factory.Services.GetRequiredService<BuildFiles>().FullPath(build.FilePath!);
        var page = await OpenBuildsAsync();
        try
        {
            var row = page.Locator($"[data-testid='builds-table'] tr[data-build-id='{build.Id}']");
            await row.Locator("button.delete-build").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog).ToContainTextAsync(
                $"Delete index build #{build.Id}'s file (12.3 MB)? The build stays in the history but can no longer be activated.");

            // Cancelling leaves everything as it was.
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            Assert.True(File.Exists(file));
            await Assertions.Expect(row.Locator(".build-status")).ToHaveTextAsync("ready");

            await row.Locator("button.delete-build").ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete file" }).ClickAsync();
            await Assertions.Expect(row.Locator(".build-status")).ToHaveTextAsync("file deleted");
            await Assertions.Expect(row.Locator(".build-file")).ToHaveTextAsync("deleted");
            await Assertions.Expect(row.Locator("button.activate-build")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".build-message")).ToContainTextAsync($"Deleted index build {build.Id}'s file (12.3 MB)");
            Assert.False(File.Exists(file));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_rollback_button_names_its_target_and_asks_first_naming_both_builds()
    {
        var services = fixture.Factory.Services;
        var history = services.GetRequiredService<BuildHistory>();
        var target = await SeedBuildAsync(1_000_000, activatedAt: DateTimeOffset.UtcNow);
        var page = await OpenBuildsAsync();
        try
        {
            // The button names what RollBackAsync would choose.
            Assert.Equal(target.Id, (await history.FindPreviousAsync(CancellationToken.None))!.Id);
            var active = (await history.FindActiveAsync(CancellationToken.None))!;
            var rollback = page.Locator("button.rollback-build");
            await Assertions.Expect(rollback).ToHaveTextAsync($"Roll back to #{target.Id}");
            await Assertions.Expect(rollback).ToBeEnabledAsync();

            await rollback.ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog).ToContainTextAsync($"Serving switches from #{active.Id} ({active.ModelId}) to #{target.Id}");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            Assert.Equal(active.Id, (await history.FindActiveAsync(CancellationToken.None))!.Id);

            // Without a target (its file deleted) the button is off and says why.
            await services.GetRequiredService<BuildFiles>().DeleteFileAsync(target.Id, CancellationToken.None);
            await page.ReloadAsync();
            await page.Locator("[data-interactive='true']").WaitForAsync();
            if (await history.FindPreviousAsync(CancellationToken.None) is { } other)
            {
                await Assertions.Expect(rollback).ToHaveTextAsync($"Roll back to #{other.Id}");
            }
            else
            {
                await Assertions.Expect(rollback).ToBeDisabledAsync();
                await Assertions.Expect(page.Locator(".rollback-reason")).ToHaveTextAsync(BuildsPage.NoRollbackReason);
            }
        }
        finally
        {
            if ((await history.FindAsync(target.Id, CancellationToken.None))!.FilePath is not null)
            {
                await services.GetRequiredService<BuildFiles>().DeleteFileAsync(target.Id, CancellationToken.None);
            }

            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Cancelling_a_running_build_asks_first()
    {
        var page = await OpenBuildsAsync();
        try
        {
            var trees = page.Locator(".build-trees input");
            await trees.FillAsync("400");
            await trees.PressAsync("Tab");
            var start = page.Locator("button.start-build");
            await Assertions.Expect(start).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await start.ClickAsync();
            var running = page.Locator("[data-testid='builds-table'] tr.build-row[data-status='running']");
            await running.Locator("button.cancel-build").ClickAsync(new() { Timeout = 30_000 });
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog).ToContainTextAsync("The build stops where it is");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep building" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid='admin-job']")).ToHaveAttributeAsync("data-status", "running");

            // The job panel's cancel asks too; confirming stops the build.
            await page.Locator("[data-testid='admin-job'] button.cancel-job").ClickAsync();
            await Assertions.Expect(dialog).ToContainTextAsync("its work so far is lost");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel job" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid='admin-job']")).ToHaveAttributeAsync("data-status", "cancelled", new() { Timeout = 30_000 });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Each_build_of_the_history_takes_one_line_at_1440_px()
    {
        var services = fixture.Factory.Services;
        var history = services.GetRequiredService<BuildHistory>();
        // A long model id (a head's), a deleted file and a failed build with an error beside the ready ones.
        var seeded = await SeedBuildAsync(123_456_789, modelId: "resnet18-0123456789ab+head-0123456789abcdef-ensemble");
        await services.GetRequiredService<BuildFiles>().DeleteFileAsync(seeded.Id, CancellationToken.None);
        var failed = await SeedBuildAsync(1_000);
        var row = (await history.FindAsync(failed.Id, CancellationToken.None))!;
        row.Status = IndexBuildStatus.Failed;
        row.Error = "The index file is damaged: checksum mismatch in the tree section (expected 0x1234abcd, found 0x00000000).";
        await history.UpdateAsync(row);

        var page = await OpenBuildsAsync();
        try
        {
            await Assertions.Expect(page.Locator($"tr.build-row[data-build-id='{failed.Id}']")).ToHaveCountAsync(1);
            // Every cell's text lies on one line: no text node breaks into lines, and all of a cell's text sits at one height.
            var wrapped = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll("[data-testid='builds-table'] tr.build-row > td")].filter(td => {
                    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
                    const centres = [];
                    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                      if (!n.textContent.trim()) continue;
                      const range = document.createRange();
                      range.selectNodeContents(n);
                      const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
                      if (rects.some(r => Math.abs(r.top - rects[0].top) > 4)) return true;
                      rects.forEach(r => centres.push(r.top + r.height / 2));
                    }
                    return centres.length > 0 && Math.max(...centres) - Math.min(...centres) > 8;
                  }).map(td => td.closest('tr').dataset.buildId + ': ' + td.textContent.trim())
                """);
            Assert.True(wrapped.Length == 0, "wrapped cells: " + string.Join(" | ", wrapped));
            var heights = await page.Locator("[data-testid='builds-table'] tr.build-row").EvaluateAllAsync<double[]>("rs => rs.map(r => r.getBoundingClientRect().height)");
            Assert.All(heights, h => Assert.InRange(h, 20, 44));
            // The table fits its region: no sideways scroll bar at the design width.
            Assert.True(await page.EvaluateAsync<bool>(
                "() => { const r = document.querySelector(\"[data-testid='builds-table']\").closest('.scroll-region'); return r.scrollWidth <= r.clientWidth + 1; }"),
                "the history scrolls sideways at 1440 px");
            await Assertions.Expect(page.Locator($"tr.build-row[data-build-id='{seeded.Id}'] .build-model-id span"))
                .ToHaveAttributeAsync("title", "resnet18-0123456789ab+head-0123456789abcdef-ensemble");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_import_and_head_training_forms_show_whole_labels_and_placeholders_in_one_aligned_row()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Admin);
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await page.GotoAsync("/admin/catalog");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            foreach (var form in new[] { "head-launcher", "import-launcher" })
            {
                var problems = await page.EvaluateAsync<string[]>(
                    """
                    form => {
                      const problems = [];
                      const row = document.querySelector(`[data-testid='${form}'] .launcher-fields`);
                      const boxes = [...row.querySelectorAll('.mud-input-control .mud-input')].map(e => e.getBoundingClientRect());
                      if (boxes.some(b => Math.abs(b.top - boxes[0].top) > 1 || Math.abs(b.height - boxes[0].height) > 1))
                        problems.push('fields at ' + boxes.map(b => `${Math.round(b.top)}+${Math.round(b.height)}`).join(', '));
                      const button = row.querySelector(':scope > button').getBoundingClientRect();
                      const centre = button.top + button.height / 2;
                      if (Math.abs(centre - (boxes[0].top + boxes[0].height / 2)) > 2) problems.push(`button centred at ${Math.round(centre)} (fields at ${Math.round(boxes[0].top)}+${Math.round(boxes[0].height)})`);
                      for (const label of row.querySelectorAll('label.mud-input-label')) {
                        if (label.scrollWidth > label.clientWidth + 1) problems.push('label cut: ' + label.textContent);
                      }
                      const canvas = document.createElement('canvas').getContext('2d');
                      for (const input of row.querySelectorAll('input[placeholder]')) {
                        const style = getComputedStyle(input);
                        canvas.font = style.font;
                        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                        if (canvas.measureText(input.placeholder).width > room) problems.push('placeholder cut: ' + input.placeholder);
                      }
                      return problems;
                    }
                    """, form);
                Assert.True(problems.Length == 0, $"{form}: {string.Join("; ", problems)}");
            }

            await Assertions.Expect(page.Locator(".head-epochs input")).ToHaveAttributeAsync("placeholder", "default 30");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
