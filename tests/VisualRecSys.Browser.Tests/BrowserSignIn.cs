using Microsoft.Playwright;
using VisualRecSys.Testing;

namespace VisualRecSys.Browser.Tests;

/// <summary>Signs a page in as the test user of a role, through the sign-in form as a person would.</summary>
internal static class BrowserSignIn
{
    /// <summary>Creates the role's test user if needed, fills in and posts the sign-in form, and waits for the home page.</summary>
    public static async Task SignInAsync(this BrowserFixture fixture, IPage page, string role)
    {
        await TestUsers.EnsureAsync(fixture.Factory.Services, role);
        await page.GotoAsync("/account/login");
        await page.Locator("input[name=Email]").FillAsync(TestUsers.EmailOf(role));
        await page.Locator("input[name=Password]").FillAsync(TestUsers.Password);
        await page.Locator("button.sign-in-submit").ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl.TrimEnd('/') + "/");
    }
}
