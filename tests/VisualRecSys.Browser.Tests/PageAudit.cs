using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace VisualRecSys.Browser.Tests;

/// <summary>What a page shows its users wrongly: axe-core's WCAG 2 A/AA violations and content wider than the screen.</summary>
internal static class PageAudit
{
    private static readonly AxeRunOptions s_wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>One line per problem found on the page as it is now; empty when there is none.</summary>
    public static async Task<List<string>> ProblemsAsync(IPage page, string name)
    {
        var problems = new List<string>();
        AxeResult result = await page.RunAxe(s_wcag);
        foreach (var violation in result.Violations)
        {
            var where = string.Join(" | ", violation.Nodes.Take(3).Select(n => string.Join(" ", n.Target?.ToString() ?? n.Html)));
            problems.Add($"{name}: axe {violation.Id} ({violation.Impact}, {violation.Nodes.Length} nodes): {violation.Help} at {where}");
        }

        // Wider than the viewport means a sideways scroll of the whole page: what a phone user meets as a page that
        // wobbles and hides its right edge. Tables may scroll inside their own container; the page must not.
        var overflow = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (overflow[0] > overflow[1] + 1)
        {
            var widest = await page.EvaluateAsync<string>(
                """
                () => {
                  const w = document.documentElement.clientWidth;
                  // Elements inside a box that scrolls or clips sideways do not widen the page: skip them.
                  const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
                  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 && !clipped(e));
                  const innermost = wide.filter(e => ![...e.children].some(c => wide.includes(c)));
                  const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
                  return innermost.slice(0, 3).map(e => name(e) + ' in ' + (e.closest('[data-testid]')?.getAttribute('data-testid') ?? name(e.parentElement))).join(', ');
                }
                """);
            problems.Add($"{name}: page is {overflow[0]} px wide in a {overflow[1]} px viewport ({widest})");
        }

        return problems;
    }
}
