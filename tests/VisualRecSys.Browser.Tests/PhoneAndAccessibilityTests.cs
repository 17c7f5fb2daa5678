using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using VisualRecSys.Data;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Quality.Jobs;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Browser.Tests;

/// <summary>Every page on a 390 px phone and at 1440 px: reachable, not wider than the screen, and clean for axe-core.</summary>
[Collection(SharedBrowser.Name)]
public class PhoneAndAccessibilityTests(BrowserFixture fixture)
{
    private static readonly ViewportSize s_phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize s_desktop = new() { Width = 1440, Height = 900 };

    private static readonly string[] s_shopperPages = ["/", "/store", "/store?category=Sneaker", "/products/1", "/search", "/account/login"];
    private static readonly string[] s_analystPages = ["/quality", "/quality/compare", "/quality/feedback"];
    private static readonly string[] s_adminPages = ["/admin", "/admin/catalog", "/admin/status", "/admin/duplicates"];

    [Fact]
    public async Task On_a_phone_the_sections_are_in_a_menu_that_opens_by_keyboard_and_sign_in_stays_on_screen()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_phone });
        try
        {
            await page.GotoAsync("/store");
            await page.Locator("[data-interactive='true']").WaitForAsync();

            await Assertions.Expect(page.Locator("nav.app-nav")).ToBeHiddenAsync();
            await AssertInsideViewportAsync(page, "a.sign-in");
            var menu = page.Locator(".app-menu > summary");
            await AssertInsideViewportAsync(page, ".app-menu > summary");

            // Keyboard: focus the menu button, open it with Enter, go to a section with the keyboard too.
            await menu.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var panel = page.Locator(".app-menu-panel");
            await Assertions.Expect(panel).ToBeVisibleAsync();
            await Assertions.Expect(panel.Locator("a")).ToHaveTextAsync(["Home", "Store", "Search by image"]);
            await AssertInsideViewportAsync(page, ".app-menu-panel");
            await panel.GetByText("Search by image").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync("**/search");

            // The page it opened is not covered by the menu.
            await Assertions.Expect(panel).ToBeHiddenAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_an_admin_reaches_every_console_from_the_menu_and_sign_out_stays_on_screen()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_phone });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Admin);
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await AssertInsideViewportAsync(page, "button.sign-out");

            await page.Locator(".app-menu > summary").ClickAsync();
            await Assertions.Expect(page.Locator(".app-menu-panel a")).ToHaveTextAsync(["Home", "Store", "Search by image", "Quality", "Admin"]);
            await page.Locator(".app-menu-panel").GetByText("Admin").ClickAsync();
            await page.WaitForURLAsync("**/admin");
            await Assertions.Expect(page.Locator(".app-menu-panel")).ToBeHiddenAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task At_1440_px_the_sections_are_buttons_and_the_menu_is_hidden()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_desktop });
        try
        {
            await page.GotoAsync("/");
            await Assertions.Expect(page.Locator(".app-menu")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("nav.app-nav a")).ToHaveTextAsync(["Home", "Store", "Search by image"], new() { UseInnerText = true, IgnoreCase = true });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_feedback_filter_shows_iso_dates_like_the_rest_of_the_app()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, Locale = "en-US" });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Analyst);
            await page.GotoAsync("/quality/feedback?from=2026-01-02&to=2026-03-04");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            await Assertions.Expect(page.Locator(".filter-from input")).ToHaveValueAsync("2026-01-02");
            await Assertions.Expect(page.Locator(".filter-to input")).ToHaveValueAsync("2026-03-04");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_category_clicked_in_the_run_table_brings_its_worst_queries_into_view()
    {
        var runId = await CompletedRunAsync();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_desktop });
        var console = new ConsoleRecord(page);
        try
        {
            await console.RunAsync(page, async () =>
            {
                await fixture.SignInAsync(page, AppRoles.Analyst);
                await page.GotoAsync($"/quality/runs/{runId}");
                await page.Locator("[data-interactive='true']").WaitForAsync();
                var heading = page.Locator("h2.worst-queries-heading");
                await Assertions.Expect(heading).Not.ToBeInViewportAsync();

                // The button is found again by its name when clicked: the one read is the one clicked, whatever renders between.
                var name = (await page.Locator("button.category-select").Last.InnerTextAsync()).Trim();
                await page.Locator("button.category-select")
                    .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(name)}\\s*$") })
                    .ClickAsync();

                // The category changes the URL in place (history.replaceState): the assertion polls the page's URL rather than
                // waiting for a navigation event (such a wait timed out in CI without logging any navigation).
                await Assertions.Expect(page).ToHaveURLAsync(new Regex(
                    $"/quality/runs/{runId}\\?category={Regex.Escape(Uri.EscapeDataString(name))}$"));
                await Assertions.Expect(heading).ToBeInViewportAsync();
                await Assertions.Expect(heading).ToBeFocusedAsync();
            });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_each_edit_s_instance_figures_show_without_scrolling_sideways()
    {
        var runId = await CompletedRunAsync();
        // A small phone: 360 px wide.
        var small = new ViewportSize { Width = 360, Height = 780 };
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = small });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Analyst);
            await page.GotoAsync($"/quality/runs/{runId}");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var table = page.Locator("[data-testid='edit-table']");
            await Assertions.Expect(table.Locator("tr.edit-row").First).ToBeVisibleAsync();

            // The figures are what the table is for: R@1, R@10 and MRR on the screen, not behind a sideways scroll.
            var region = page.Locator(".scroll-region", new() { Has = table });
            var (scrollWidth, clientWidth) = (await region.EvaluateAsync<int>("e => e.scrollWidth"), await region.EvaluateAsync<int>("e => e.clientWidth"));
            Assert.True(scrollWidth <= clientWidth, $"The edit table is {scrollWidth} px wide in a {clientWidth} px region");
            var mrr = (await table.Locator("tr.edit-row .edit-mrr").First.BoundingBoxAsync())!;
            Assert.True(mrr.X + mrr.Width <= small.Width, $"MRR ends at {mrr.X + mrr.Width:F0} px of {small.Width}");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_runs_category_figures_and_worst_queries_use_the_screen_s_width()
    {
        var runId = await CompletedRunAsync();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_phone });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Analyst);
            await page.GotoAsync($"/quality/runs/{runId}");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var row = page.Locator("[data-testid='category-table'] tr.mud-table-row").Filter(new() { Has = page.Locator("td.p1") }).First;
            await Assertions.Expect(row).ToBeVisibleAsync();

            // One figure a line made ten categories 4,000 px long: P@1 and P@5 share a line, each inside the screen.
            var (p1, p5) = ((await row.Locator("td.p1").BoundingBoxAsync())!, (await row.Locator("td.p5").BoundingBoxAsync())!);
            Assert.True(Math.Abs(p1.Y - p5.Y) < 1 && p5.X > p1.X, $"P@1 at ({p1.X:F0}, {p1.Y:F0}), P@5 at ({p5.X:F0}, {p5.Y:F0})");
            Assert.True(p5.X + p5.Width <= s_phone.Width, $"P@5 ends at {p5.X + p5.Width:F0} px of {s_phone.Width}");

            // The chart's category labels stay readable (drawn to the screen's width they were too small to read); the chart scrolls.
            var label = page.Locator("[data-testid='category-chart'] svg text", new() { HasTextString = "Sandal" }).First;
            // The SVG is drawn to its box's width: a label's size on the screen is its font size times that scale.
            var labelSize = await label.EvaluateAsync<double>(
                "e => { const svg = e.ownerSVGElement; const box = svg.viewBox.baseVal; const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1; return parseFloat(getComputedStyle(e).fontSize) * scale; }");
            Assert.True(labelSize >= 9, $"A category label of the chart is {labelSize:F1} px high on the screen");

            // A worst query's neighbours go under its image, more than two to a line.
            var query = page.Locator("[data-testid='worst-queries'] .worst-query").First;
            var image = (await query.Locator(".worst-query-target img").BoundingBoxAsync())!;
            var neighbours = query.Locator(".worst-query-neighbour");
            var (first, third) = ((await neighbours.Nth(0).BoundingBoxAsync())!, (await neighbours.Nth(2).BoundingBoxAsync())!);
            Assert.True(first.Y >= image.Y + image.Height, $"The first neighbour starts at {first.Y:F0} px, the query's image ends at {image.Y + image.Height:F0}");
            Assert.True(Math.Abs(first.Y - third.Y) < 1, $"The first neighbour at {first.Y:F0} px, the third at {third.Y:F0}");

            // So do the runs' figures on the quality page.
            await page.GotoAsync("/quality");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var run = page.Locator("[data-testid='runs-table'] tr.mud-table-row").Filter(new() { Has = page.Locator("td.figure") }).First;
            await Assertions.Expect(run).ToBeVisibleAsync();
            var columns = await run.Locator("td.figure").EvaluateAllAsync<double[]>("es => es.map(e => e.getBoundingClientRect().left)");
            Assert.True(columns.Distinct().Count() >= 2, $"The run's figures start at {string.Join(", ", columns)} px: one column");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static readonly Action<ILogger, string, Exception?> s_longWarning = LoggerMessage.Define<string>(LogLevel.Warning, new EventId(1),
        "{Marker}: a message long enough to need several lines on a phone, as the framework's own warnings do");

    [Fact]
    public async Task On_a_phone_the_status_page_shows_a_recent_problem_s_message_on_the_screen()
    {
        var marker = $"Test warning {Guid.NewGuid():N}";
        s_longWarning(fixture.Factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VisualRecSys.Browser.Tests.AVeryLongLoggerCategoryName"), marker, null);
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_phone });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Admin);
            await page.GotoAsync("/admin/status");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var message = page.Locator(".recent-problems .problem-message", new() { HasTextString = marker });
            await Assertions.Expect(message).ToBeVisibleAsync();

            // Four columns put the message past the logger's name, off the screen; now it is under it.
            var box = (await message.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= s_phone.Width, $"The message spans {box.X:F0}..{box.X + box.Width:F0} px of {s_phone.Width}");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_a_compared_row_keeps_its_name_in_view_while_its_figures_scroll()
    {
        var runId = await CompletedRunAsync();
        var copyId = await StoredCopyOfRunAsync(runId);
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_phone });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Analyst);
            await page.GotoAsync($"/quality/compare?a={runId}&b={copyId}");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            foreach (var table in new[] { "comparison-table", "edit-comparison-table" })
            {
                var name = page.Locator($"[data-testid='{table}'] tbody th[scope='row']").Last;
                await Assertions.Expect(name).ToBeVisibleAsync();
                var region = page.Locator(".scroll-region", new() { Has = page.Locator($"[data-testid='{table}']") });
                await region.EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
                var box = (await name.BoundingBoxAsync())!;
                Assert.True(box.X >= 0, $"{table}: scrolled to its last figures, the row's name is at {box.X:F0} px, off the screen");
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_a_build_s_actions_are_on_the_screen_beside_its_number()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_phone });
        try
        {
            await fixture.SignInAsync(page, AppRoles.Admin);
            await page.GotoAsync("/admin");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var actions = page.Locator("[data-testid='builds-table'] tr.build-row td.build-actions").First;
            await Assertions.Expect(actions).ToBeAttachedAsync();

            // Twelve columns wide, the table scrolls; its actions column must not be at its far end, off the screen.
            var box = (await actions.BoundingBoxAsync())!;
            Assert.True(box.X + box.Width <= s_phone.Width, $"The build's actions span {box.X:F0}..{box.X + box.Width:F0} px of {s_phone.Width}");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_the_home_page_s_title_leaves_room_for_what_it_promises()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = s_phone });
        try
        {
            await page.GotoAsync("/");
            var title = page.Locator("h1.home-title");
            await Assertions.Expect(title).ToBeVisibleAsync();
            var box = (await title.BoundingBoxAsync())!;
            Assert.True(box.Height <= s_phone.Height / 5.0, $"The title is {box.Height:F0} px high of a {s_phone.Height} px screen");
            await Assertions.Expect(page.Locator("a", new() { HasTextString = "Browse the store" })).ToBeInViewportAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Every_page_fits_a_phone_and_a_desktop_and_has_no_axe_violations()
    {
        var runId = await CompletedRunAsync();
        var copyId = await StoredCopyOfRunAsync(runId);
        var problems = new List<string>();
        foreach (var viewport in new[] { s_phone, s_desktop })
        {
            var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = viewport });
            try
            {
                var page = await context.NewPageAsync();
                await AuditAsync(page, viewport, s_shopperPages, problems);
                await fixture.SignInAsync(page, AppRoles.Admin);
                await AuditAsync(page, viewport, [.. s_analystPages, $"/quality/runs/{runId}", $"/quality/compare?a={runId}&b={copyId}", .. s_adminPages], problems);
            }
            finally
            {
                await context.CloseAsync();
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>A second completed run with the first's figures, so the compare page has two runs chosen (long names in its selects).</summary>
    private async Task<int> StoredCopyOfRunAsync(int runId)
    {
        var store = fixture.Factory.Services.GetRequiredService<EvaluationRunStore>();
        var stored = (await store.LoadAsync(runId, CancellationToken.None))!;
        var copy = await store.CreateAsync(new EvaluationRequest(stored.Run.ModelId), CancellationToken.None);
        await store.CompleteAsync(copy.Id, new EvaluationOutcome
        {
            Report = stored.Report!,
            QuerySplit = stored.Run.QuerySplit!,
            GallerySplit = stored.Run.GallerySplit!,
            LeaveOneOut = stored.Run.LeaveOneOut,
            QueriesWithoutVector = 0,
            GalleryWithoutVector = 0,
            IndexBuildId = stored.Run.IndexBuildId,
            AnnNotMeasuredReason = stored.Run.AnnNotMeasuredReason,
        }, CancellationToken.None);
        return copy.Id;
    }

    private static async Task AuditAsync(IPage page, ViewportSize viewport, IEnumerable<string> paths, List<string> problems)
    {
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            // The sign-in page is static (it posts a form); every other page waits for its circuit.
            await page.Locator(path.StartsWith("/account/", StringComparison.Ordinal) ? "[data-interactive]" : "[data-interactive='true']").WaitForAsync();
            // Let the first interactive render settle (lists and tables load after the circuit connects).
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.WaitForTimeoutAsync(300);
            problems.AddRange(await PageAudit.ProblemsAsync(page, $"{path} at {viewport.Width} px"));
        }
    }

    private static readonly SemaphoreSlim s_runGate = new(1, 1);
    private static int? s_runId;

    /// <summary>A completed evaluation run of the served model (a small one, made once), so the run page has figures to show.</summary>
    private async Task<int> CompletedRunAsync()
    {
        await s_runGate.WaitAsync();
        try
        {
            return s_runId ??= await StartAndWaitForRunAsync();
        }
        finally
        {
            s_runGate.Release();
        }
    }

    private async Task<int> StartAndWaitForRunAsync()
    {
        var services = fixture.Factory.Services;
        var model = services.GetRequiredService<ServedModel>().ModelId;
        var start = await services.GetRequiredService<EvaluationJobs>().TryStartAsync(new EvaluationRequest(model, QueryLimit: 10) { LeaveOneOutWithoutQueries = true, InstanceEdits = 2, InstanceQueryLimit = 10 }, CancellationToken.None);
        Assert.True(start.Started, start.RefusedBecause);
        var store = services.GetRequiredService<EvaluationRunStore>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var stored = await store.LoadAsync(start.RunId!.Value, CancellationToken.None);
            if (stored?.Run.Status == EvaluationRunStatus.Completed)
            {
                return start.RunId.Value;
            }

            Assert.True(stored?.Run.Status != EvaluationRunStatus.Failed, stored?.Run.Error);
            await Task.Delay(500);
        }

        throw new TimeoutException("the evaluation run did not complete within 3 minutes");
    }

    private static async Task AssertInsideViewportAsync(IPage page, string selector)
    {
        var locator = page.Locator(selector).First;
        await Assertions.Expect(locator).ToBeVisibleAsync();
        var box = (await locator.BoundingBoxAsync())!;
        var width = page.ViewportSize!.Width;
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{selector} spans {box.X:F0}..{box.X + box.Width:F0} px in a {width} px viewport");
    }
}
