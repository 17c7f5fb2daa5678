using Microsoft.Playwright;

namespace VisualRecSys.Browser.Tests;

/// <summary>
/// What the page's console said (Blazor writes circuit and connection errors there), kept so that a failure which
/// only happens on a loaded CI machine says more than "timeout".
/// </summary>
internal sealed class ConsoleRecord
{
    private readonly List<string> _lines = [];

    public ConsoleRecord(IPage page)
    {
        page.Console += (_, message) =>
        {
            lock (_lines)
            {
                _lines.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_lines)
            {
                _lines.Add($"{DateTime.UtcNow:HH:mm:ss.fff} page error: {error}");
            }
        };
    }

    /// <summary>Runs <paramref name="steps"/>; when one fails, the failure carries the page's URL and console.</summary>
    public async Task RunAsync(IPage page, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            string said;
            lock (_lines)
            {
                said = _lines.Count == 0 ? "(nothing)" : string.Join(Environment.NewLine, _lines);
            }
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}at {page.Url}; the console said:{Environment.NewLine}{said}", e);
        }
    }
}
