using Microsoft.Playwright;
using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Browser.Tests;

/// <summary>
/// The Content-Security-Policy the app sends lets every page work in a real browser: Blazor's circuit connects, MudBlazor
/// styles and scripts load, an upload preview shows, Swagger UI renders, and Chromium reports no violation.
/// </summary>
[Collection(SharedBrowser.Name)]
public class ContentSecurityPolicyTests(BrowserFixture fixture)
{
    private const string Interactive = "[data-interactive='true']";

    /// <summary>Path, what shows the page is working, and the role to sign in as first ("" for a visitor).</summary>
    public static TheoryData<string, string, string> Pages() => new()
    {
        { "/", Interactive, "" },
        { "/store", Interactive, "" },
        { "/products/1", Interactive, "" },
        { "/search", Interactive, "" },
        // The sign-in page is a plain form (static rendering, no circuit).
        { "/account/login", "button.sign-in-submit", "" },
        { "/quality", Interactive, AppRoles.Analyst },
        { "/quality/feedback", Interactive, AppRoles.Analyst },
        { "/admin", Interactive, AppRoles.Admin },
        { "/admin/catalog", Interactive, AppRoles.Admin },
        { "/admin/status", Interactive, AppRoles.Admin },
        { "/api/docs/index.html", ".swagger-ui .opblock", "" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_works_under_the_policy_without_violations(string path, string readySelector, string role)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.BaseUrl });
        if (role.Length > 0)
        {
            await fixture.SignInAsync(page, role);
        }

        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => violations.Add("page error: " + error);
        try
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(fixture.BaseUrl.TrimEnd('/') + path, page.Url);
            Assert.Contains("default-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
            await page.Locator(readySelector).First.WaitForAsync(new() { Timeout = 30_000 });

            if (path == "/search")
            {
                // The upload preview is a blob: URL: img-src must allow it.
                var query = Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "demo-catalog", "query", "02002.png");
                await page.ChooseFilesAsync(query);
                await Assertions.Expect(page.Locator(".upload-preview img")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            }

            // Violations are reported asynchronously; give late ones (fonts, images) a moment to arrive.
            await page.WaitForTimeoutAsync(500);
            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
