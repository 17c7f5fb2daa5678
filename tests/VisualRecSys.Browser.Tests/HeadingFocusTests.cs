using Microsoft.Playwright;

namespace VisualRecSys.Browser.Tests;

[Collection(SharedBrowser.Name)]
public class HeadingFocusTests(BrowserFixture fixture)
{
    [Fact]
    public async Task After_a_page_load_the_heading_holds_focus_without_a_box_and_tab_moves_on_from_it()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl });
        try
        {
            await page.GotoAsync("/store");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            // Focus stays on the heading for screen readers...
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.tagName === 'H1'");
            // ...but no outline is drawn around it.
            var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
            Assert.Equal("none", outline);

            // The focus is kept, not removed: Tab moves on from the heading to the page's first control after it.
            await page.Keyboard.PressAsync("Tab");
            var next = await page.EvaluateAsync<string[]>(
                "() => { const e = document.activeElement; const h = document.querySelector('h1');"
                + " return [e.tagName, String(!!(h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING))]; }");
            Assert.NotEqual("H1", next[0]);
            Assert.Equal("true", next[1]);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
