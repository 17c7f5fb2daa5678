using System.Reflection;
using Microsoft.AspNetCore.Components;
using NetArchTest.Rules;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Tests.Architecture;

/// <summary>
/// The house rules of the code, read from the compiled assemblies: Engine and Data never see the web app; Infrastructure
/// sees no feature; a feature reaches another only through its services, never its pages, endpoints or registration.
/// </summary>
public class ArchitectureTests
{
    private const string Features = "VisualRecSys.Web.Features";
    private static readonly Assembly s_web = typeof(VisualRecSysApp).Assembly;

    [Fact]
    public void Engine_and_Data_never_reference_the_web_app()
    {
        foreach (var assembly in new[] { typeof(ImageEmbedders).Assembly, typeof(VisualRecSysDbContext).Assembly })
        {
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn("VisualRecSys.Web").GetResult();
            Assert.True(result.IsSuccessful, $"{assembly.GetName().Name} uses the web app in: {Failing(result)}");
        }
    }

    [Fact]
    public void Infrastructure_references_no_feature()
    {
        var result = Types.InAssembly(s_web).That().ResideInNamespace("VisualRecSys.Web.Infrastructure")
            .ShouldNot().HaveDependencyOn(Features).GetResult();
        Assert.True(result.IsSuccessful, $"Infrastructure uses a feature in: {Failing(result)}");
    }

    [Fact]
    public void A_feature_never_references_another_features_pages_endpoints_or_registration()
    {
        var features = FeatureNames();
        Assert.True(features.Count >= 7, $"Only {features.Count} feature folders: {string.Join(", ", features)}");
        foreach (var feature in features)
        {
            var foreign = s_web.GetTypes()
                .Where(t => t.Namespace is { } ns && InFeature(ns) is { } owner && owner != feature && IsEntrance(t))
                .Select(t => t.FullName!)
                .ToArray();
            var result = Types.InAssembly(s_web).That().ResideInNamespace($"{Features}.{feature}")
                .ShouldNot().HaveDependencyOnAny(foreign).GetResult();
            Assert.True(result.IsSuccessful, $"{feature} reaches into another feature's pages or endpoints in: {Failing(result)}");
        }
    }

    [Fact]
    public void Index_builds_reach_no_other_feature_but_the_admin_authorization()
    {
        // The rebuild path (endpoint, job, trees, recall, activation, serving) stays in IndexBuilds, the Engine and
        // Infrastructure: the served model it switches is the Engine's (Heads only chooses it at start), and nothing is
        // told of an activation (what depends on the serving build reads ActiveIndex). The one exception is Accounts'
        // admin authorization (the route group and the page policy every admin API and page shares).
        Type[] allowed = [typeof(VisualRecSys.Web.Features.Accounts.AdminApi), typeof(VisualRecSys.Web.Features.Accounts.AdminAccess)];
        var foreign = s_web.GetTypes()
            .Where(t => t.Namespace is { } ns && InFeature(ns) is { } owner && owner != "IndexBuilds" && !allowed.Contains(t))
            .Select(t => t.FullName!)
            .ToArray();
        Assert.Contains(typeof(VisualRecSys.Web.Features.Heads.ServedModelChoice).FullName!, foreign);
        Assert.Contains(typeof(VisualRecSys.Web.Features.Catalog.ProductDirectory).FullName!, foreign);
        var result = Types.InAssembly(s_web).That().ResideInNamespace($"{Features}.IndexBuilds")
            .ShouldNot().HaveDependencyOnAny(foreign).GetResult();
        Assert.True(result.IsSuccessful, $"IndexBuilds reaches into another feature in: {Failing(result)}");
    }

    [Fact]
    public void The_rule_above_sees_pages_and_endpoints()
    {
        // Guards the guard: were no type an entrance, the feature rule would hold for nothing.
        var entrances = s_web.GetTypes().Where(t => t.Namespace is { } ns && InFeature(ns) is not null && IsEntrance(t)).Select(t => t.Name).ToList();
        Assert.Contains("StorePage", entrances);
        Assert.Contains("IndexBuildEndpoints", entrances);
        Assert.Contains("QualityFeature", entrances);
    }

    [Fact]
    public void No_component_depends_on_an_entity()
    {
        // Components bind the features' view records: an entity on a page would tie the markup to the schema and
        // tempt a page to change tracked state. The entity types come from the context's sets, so new ones are covered.
        var entities = EntityTypes();
        Assert.Contains(typeof(EvaluationRun).FullName!, entities);
        var result = Types.InAssembly(s_web).That().Inherit(typeof(ComponentBase))
            .ShouldNot().HaveDependencyOnAny(entities).GetResult();
        Assert.True(result.IsSuccessful, $"Components use entities in: {Failing(result)}");
    }

    [Fact]
    public void The_entity_rule_sees_every_component()
    {
        // Guards the guard: a component that inherits ComponentBase through another base (MainLayout, through
        // LayoutComponentBase) must be checked too.
        var byReflection = s_web.GetTypes().Where(t => typeof(ComponentBase).IsAssignableFrom(t)).Select(t => t.FullName!).Order(StringComparer.Ordinal);
        var checkedByRule = Types.InAssembly(s_web).That().Inherit(typeof(ComponentBase)).GetTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal);
        Assert.Equal(byReflection, checkedByRule);
        Assert.Contains(typeof(VisualRecSys.Web.Components.Layout.MainLayout).FullName!, checkedByRule);
    }

    /// <summary>The T of every DbSet&lt;T&gt; the app's context exposes.</summary>
    private static string[] EntityTypes() =>
    [
        .. typeof(VisualRecSysDbContext).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.DbSet<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0])
            .Where(t => t.Assembly == typeof(VisualRecSysDbContext).Assembly)
            .Select(t => t.FullName!),
    ];

    /// <summary>A page (a routed component), an endpoints class, or a feature's registration.</summary>
    private static bool IsEntrance(Type type) =>
        (typeof(ComponentBase).IsAssignableFrom(type) && type.GetCustomAttributes<RouteAttribute>().Any())
        || type.Name.EndsWith("Endpoints", StringComparison.Ordinal)
        || type.Name.EndsWith("Feature", StringComparison.Ordinal);

    private static string? InFeature(string ns) =>
        ns.StartsWith(Features + ".", StringComparison.Ordinal) ? ns[(Features.Length + 1)..].Split('.')[0] : null;

    private static List<string> FeatureNames() =>
        [.. s_web.GetTypes().Select(t => t.Namespace is { } ns ? InFeature(ns) : null).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    private static string Failing(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
