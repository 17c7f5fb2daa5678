using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Browser.Tests;

/// <summary>
/// What a phone shows of the quality and admin pages: the figures, a row's name and its actions on the screen, not behind
/// a sideways scroll or one to a line (<see cref="PhoneAndAccessibilityTests"/> checks every page for overflow and axe).
/// </summary>
[Collection(SharedBrowser.Name)]
public class PhoneLayoutTests(BrowserFixture fixture)
{
    private static readonly ViewportSize s_phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task On_a_phone_each_edit_s_instance_figures_show_without_scrolling_sideways()
    {
        var runId = await EvaluatedRuns.CompletedAsync(fixture);
        // A small phone: 360 px wide.
        var small = new ViewportSize { Width = 360, Height = 780 };
        var page = await OpenAsync(small, AppRoles.Analyst, $"/quality/runs/{runId}");
        try
        {
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
        var runId = await EvaluatedRuns.CompletedAsync(fixture);
        var page = await OpenAsync(s_phone, AppRoles.Analyst, $"/quality/runs/{runId}");
        try
        {
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
        var page = await OpenAsync(s_phone, AppRoles.Admin, "/admin/status");
        try
        {
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
        var runId = await EvaluatedRuns.CompletedAsync(fixture);
        var copyId = await EvaluatedRuns.StoredCopyAsync(fixture, runId);
        var page = await OpenAsync(s_phone, AppRoles.Analyst, $"/quality/compare?a={runId}&b={copyId}");
        try
        {
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
        var page = await OpenAsync(s_phone, AppRoles.Admin, "/admin");
        try
        {
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
        var page = await OpenAsync(s_phone, role: null, "/");
        try
        {
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

    /// <summary>A new page at <paramref name="viewport"/>, signed in with <paramref name="role"/> (none: anonymous), at <paramref name="path"/> once its circuit is interactive.</summary>
    private async Task<IPage> OpenAsync(ViewportSize viewport, string? role, string path)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl, ViewportSize = viewport });
        if (role is not null)
        {
            await fixture.SignInAsync(page, role);
        }

        await page.GotoAsync(path);
        await page.Locator("[data-interactive='true']").WaitForAsync();
        return page;
    }
}
