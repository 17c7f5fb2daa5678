namespace VisualRecSys.Web.Components.Layout;

/// <summary>One section of the app as the app bar and the phone menu list it.</summary>
/// <param name="Title">What the link says.</param>
/// <param name="Href">Where it goes.</param>
/// <param name="CssClass">Marks the app bar's button (tests and styles find it by this).</param>
public sealed record AppSection(string Title, string Href, string CssClass);

/// <summary>The app's sections, once: the wide app bar and the phone menu both render from this list.</summary>
public static class AppSections
{
    /// <summary>Sections every visitor sees.</summary>
    public static IReadOnlyList<AppSection> Public { get; } =
    [
        new("Home", "/", "nav-home"),
        new("Store", "/store", "nav-store"),
        new("Search by image", "/search", "nav-search"),
    ];

    /// <summary>The quality console (analysts and admins).</summary>
    public static AppSection Quality { get; } = new("Quality", "/quality", "nav-quality");

    /// <summary>The admin console (admins).</summary>
    public static AppSection Admin { get; } = new("Admin", "/admin", "nav-admin");
}
