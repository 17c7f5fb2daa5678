using Microsoft.Playwright;

namespace VisualRecSys.Browser.Tests;

/// <summary>Chooses files in the page's image picker the way a person would, once the picker listens.</summary>
internal static class BrowserUpload
{
    /// <summary>
    /// Waits until Blazor's InputFile has attached its change listener, then sets the files. The circuit is interactive
    /// a JS round trip before InputFile's own first-render initialisation; files set in between fire a change event
    /// nobody hears, and the page never sees them (seen on a loaded CI machine). A person is never that fast.
    /// </summary>
    public static async Task ChooseFilesAsync(this IPage page, params string[] paths)
    {
        // _blazorInputFileNextFileId is set by InputFile's init together with its listeners.
        await page.WaitForFunctionAsync(
            "() => { const i = document.querySelector('input[type=file]'); return i && i._blazorInputFileNextFileId !== undefined; }",
            null, new() { Timeout = 30_000 });
        await page.Locator("input[type=file]").SetInputFilesAsync(paths);
    }
}
