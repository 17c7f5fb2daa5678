using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VisualRecSys.Web.Tests.Infrastructure.Security;

/// <summary>An HTTP endpoint of the running app: its route, methods and metadata (authorization, antiforgery, …).</summary>
internal sealed record AppEndpoint(string Route, IReadOnlyList<string> Methods, string Name, EndpointMetadataCollection Metadata)
{
    /// <summary>True when the endpoint answers any method that can change state.</summary>
    public bool AcceptsUnsafeMethods => Methods.Count == 0 || Methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m) && !HttpMethods.IsOptions(m));

    /// <summary>A Blazor page (rendered by a component) rather than an API or framework endpoint.</summary>
    public bool IsPage => Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    /// <summary>Blazor's own circuit and framework endpoints (<c>/_blazor</c>, <c>/_framework</c>).</summary>
    public bool IsFramework => Route.StartsWith("/_blazor", StringComparison.Ordinal) || Route.StartsWith("/_framework", StringComparison.Ordinal);

    public override string ToString() => $"{string.Join(',', Methods)} {Route} ({Name})";
}

/// <summary>A routable Blazor page: its route template and component.</summary>
internal sealed record AppPage(string Route, Type Component)
{
    /// <summary>The route with its parameters filled with <paramref name="value"/> (e.g. <c>/products/1</c>).</summary>
    public string Sample(string value = "1") => AppSurface.Fill(Route, value);
}

/// <summary>
/// Everything the app exposes: every endpoint from the routing data source and every routable page. Tests that must hold
/// for each one (security headers, antiforgery, and the authorisation check that comes with sign-in) enumerate these,
/// so a new endpoint or page is checked without anyone remembering to add it.
/// </summary>
internal static partial class AppSurface
{
    public static IReadOnlyList<AppEndpoint> Endpoints(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => new AppEndpoint(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
                e.DisplayName ?? "",
                e.Metadata))
            .OrderBy(e => e.Route, StringComparer.Ordinal),
    ];

    public static IReadOnlyList<AppPage> Pages() =>
    [
        .. typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => new AppPage(r.Template, t)))
            .OrderBy(p => p.Route, StringComparer.Ordinal),
    ];

    /// <summary>Replaces every <c>{parameter}</c> (with constraints and optional marks) by <paramref name="value"/>.</summary>
    public static string Fill(string route, string value) => RouteParameter().Replace(route, value);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
