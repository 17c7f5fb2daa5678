using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Testing;
using VisualRecSys.Testing;
using Xunit.Abstractions;

namespace VisualRecSys.Web.Tests.Infrastructure.Security;

/// <summary>
/// Every endpoint and page, enumerated from the running app: forms are protected by antiforgery tokens, and the few
/// API endpoints that opt out say why and cannot be driven by a cross-site form.
/// </summary>
public sealed class EndpointSurfaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>State-changing API endpoints without antiforgery tokens, and why that is safe.</summary>
    private static readonly Dictionary<string, string> s_tokenFree = new(StringComparer.Ordinal)
    {
        ["/api/similar"] = "a search: it reads uploads and changes nothing, and scripts post it without a page to take a token from",
        ["/api/feedback"] = "takes JSON only: a cross-site form cannot send application/json without a CORS preflight, which the app never grants",
        ["/account/sign-in"] = AccountForms,
        ["/account/sign-out"] = AccountForms,
        ["/api/admin/builds"] = AdminApi,
        ["/api/admin/builds/rollback"] = AdminApi,
        ["/api/admin/builds/{id:int}"] = AdminApi,
        ["/api/admin/builds/{id:int}/activate"] = AdminApi,
        ["/api/admin/builds/{id:int}/cancel"] = AdminApi,
        ["/api/admin/heads"] = AdminApi,
        ["/api/admin/duplicates/scans"] = AdminApi,
        ["/api/admin/hidden-products"] = AdminApi,
        ["/api/admin/hidden-products/{id:int}"] = AdminApi,
        ["/api/admin/imports"] = AdminApi,
        ["/api/admin/jobs/{id:int}/cancel"] = AdminApi,
    };

    private const string AccountForms =
        "validates the antiforgery token itself (IAntiforgery.IsRequestValidAsync) to answer a bad token with a plain 400; tested in AccessTests";

    private const string AdminApi =
        "Admin role required, and the sign-in cookie is SameSite=Lax, so no cross-site form post carries it; JSON bodies need a CORS preflight the app never grants";

    private AppFactory Factory { get; } = new();
    private WebApplicationFactory<Program> _app = default!;

    public Task InitializeAsync()
    {
        _app = Factory.WithSettings(("VisualRecSys:SeedCatalog", "none"));
        _app.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void The_surface_lists_the_api_and_every_page()
    {
        var endpoints = AppSurface.Endpoints(_app.Services);
        var pages = AppSurface.Pages();
        foreach (var endpoint in endpoints)
        {
            output.WriteLine(endpoint.ToString());
        }

        Assert.Contains(endpoints, e => e.Route == "/api/similar");
        Assert.Contains(endpoints, e => e.Route == "/images/{id:int}");
        Assert.Contains(pages, p => p.Route == "/store");
        Assert.Contains(pages, p => p.Route == "/products/{Id:int}");
        // Every page is routed: the endpoint list holds a page endpoint for each route template.
        Assert.All(pages, p => Assert.Contains(endpoints, e => e.IsPage && string.Equals(e.Route, p.Route, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Every_endpoint_that_accepts_posts_requires_an_antiforgery_token_or_says_why_not()
    {
        var unprotected = new List<string>();
        foreach (var endpoint in AppSurface.Endpoints(_app.Services).Where(e => e.AcceptsUnsafeMethods && !e.IsFramework))
        {
            var antiforgery = endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>();
            if (endpoint.IsPage)
            {
                // Blazor pages accept form posts (enhanced forms); their endpoints must validate the token.
                if (antiforgery is not { RequiresValidation: true })
                {
                    unprotected.Add($"{endpoint}: a page that takes posts without antiforgery validation");
                }
            }
            else if (!s_tokenFree.ContainsKey(endpoint.Route) || antiforgery is not { RequiresValidation: false })
            {
                unprotected.Add($"{endpoint}: an API endpoint must call DisableAntiforgery() explicitly and be listed with a reason");
            }
        }

        Assert.True(unprotected.Count == 0, string.Join(Environment.NewLine, unprotected));
    }

    [Fact]
    public async Task A_page_form_post_without_a_token_is_refused()
    {
        using var client = _app.CreateClient();
        using var form = new FormUrlEncodedContent([new("_handler", "anything")]);

        using var response = await client.PostAsync("/store", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_feedback_api_refuses_what_a_cross_site_form_can_send()
    {
        using var client = _app.CreateClient();
        using var form = new FormUrlEncodedContent([new("queryProductId", "1"), new("resultId", "2"), new("label", "up")]);
        using var json = System.Net.Http.Json.JsonContent.Create(new { queryProductId = 1, resultId = 2, label = "up" });

        using var fromForm = await client.PostAsync("/api/feedback", form);
        using var fromJson = await client.PostAsync("/api/feedback", json);

        // The form is refused before the handler runs; the same vote as JSON reaches it (and finds no products here).
        Assert.True(fromForm.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{fromForm.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, fromJson.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await Factory.DisposeAsync();
    }
}
