using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;
using Xunit.Abstractions;

namespace VisualRecSys.Web.Tests.Infrastructure.Security;

/// <summary>
/// Every endpoint and page the app has, enumerated from the running app (so a new one is checked without anyone
/// remembering to add it), against the access its path calls for: the admin console and API for admins, the quality
/// console for analysts and admins, everything else for everyone. Checked twice: in the endpoint's metadata, and over
/// HTTP as a visitor, an analyst and an admin.
/// </summary>
public sealed class AuthorizationSurfaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private enum Access
    {
        Everyone,
        Analysts,
        Admins,
    }

    private AppFactory Factory { get; } = new();
    private WebApplicationFactory<Program> _app = default!;

    public Task InitializeAsync()
    {
        _app = Factory.WithSettings(("VisualRecSys:SeedCatalog", "none"));
        _app.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await Factory.DisposeAsync();
    }

    [Fact]
    public async Task Every_endpoint_declares_the_access_its_path_calls_for()
    {
        var policies = _app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var wrong = new List<string>();
        var seen = new Dictionary<Access, int>();
        foreach (var endpoint in AppSurface.Endpoints(_app.Services).Where(e => !e.IsFramework))
        {
            var declared = await DeclaredAsync(endpoint, policies);
            var expected = Expected(endpoint.Route);
            seen[declared] = seen.GetValueOrDefault(declared) + 1;
            output.WriteLine($"{declared,-9} {endpoint}");
            if (declared != expected)
            {
                wrong.Add($"{endpoint}: declares {declared}, its path calls for {expected}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        // Guards the enumeration itself: each kind of access is present.
        Assert.True(seen.GetValueOrDefault(Access.Admins) >= 10 && seen.GetValueOrDefault(Access.Analysts) >= 4 && seen.GetValueOrDefault(Access.Everyone) >= 10,
            string.Join(", ", seen.Select(p => $"{p.Key}: {p.Value}")));
    }

    [Fact]
    public async Task Over_http_each_page_and_read_endpoint_answers_each_role_as_its_path_calls_for()
    {
        using var visitor = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var analyst = await _app.CreateSignedInClientAsync(AppRoles.Analyst);
        using var admin = await _app.CreateSignedInClientAsync(AppRoles.Admin);
        var paths = AppSurface.Pages().Select(p => p.Sample())
            .Concat(AppSurface.Endpoints(_app.Services)
                .Where(e => !e.IsFramework && !e.IsPage && e.Methods.Contains(HttpMethods.Get) && !e.Route.Contains('*'))
                .Select(e => AppSurface.Fill(e.Route, "1")))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var wrong = new List<string>();
        foreach (var path in paths)
        {
            var expected = Expected(path);
            foreach (var (who, client, allowed) in new[]
            {
                ("visitor", visitor, expected == Access.Everyone),
                ("analyst", analyst, expected != Access.Admins),
                ("admin", admin, true),
            })
            {
                using var response = await client.GetAsync(path);
                var refused = Refused(response);
                output.WriteLine($"{who,-8} {path} -> {(int)response.StatusCode}{(refused ? " refused" : "")}");
                if (refused == allowed)
                {
                    wrong.Add($"GET {path} as {who}: {(int)response.StatusCode} {response.Headers.Location}, expected {(allowed ? "access" : "a refusal")}");
                }
            }
        }

        Assert.True(paths.Count > 20, $"only {paths.Count} paths found");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static Access Expected(string path) => path switch
    {
        _ when IsUnder(path, "/admin") || IsUnder(path, "/api/admin") => Access.Admins,
        _ when IsUnder(path, "/quality") || IsUnder(path, "/api/quality") => Access.Analysts,
        _ => Access.Everyone,
    };

    private static bool IsUnder(string path, string root) =>
        path.Equals(root, StringComparison.OrdinalIgnoreCase) || path.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith(root + ".", StringComparison.OrdinalIgnoreCase);

    /// <summary>A refusal: 401/403, or a redirect to the sign-in or access-denied page.</summary>
    private static bool Refused(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return true;
        }

        var location = response.Headers.Location?.OriginalString ?? "";
        return (int)response.StatusCode is >= 300 and < 400
            && (location.Contains(AccountEndpoints.SignInPath, StringComparison.OrdinalIgnoreCase)
                || location.Contains(AccountEndpoints.AccessDeniedPath, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<Access> DeclaredAsync(AppEndpoint endpoint, IAuthorizationPolicyProvider policies)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Access.Everyone;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        if (policy is null)
        {
            return Access.Everyone;
        }

        // Every role requirement must be met: the roles allowed are those every requirement accepts.
        var allowed = new HashSet<string>([AppRoles.Admin, AppRoles.Analyst], StringComparer.Ordinal);
        foreach (var requirement in policy.Requirements.OfType<RolesAuthorizationRequirement>())
        {
            allowed.IntersectWith(requirement.AllowedRoles);
        }

        return allowed.SetEquals([AppRoles.Admin]) ? Access.Admins
            : allowed.SetEquals([AppRoles.Admin, AppRoles.Analyst]) ? Access.Analysts
            : throw new InvalidOperationException($"{endpoint} allows the roles {string.Join(", ", allowed)}, which no path calls for.");
    }
}
