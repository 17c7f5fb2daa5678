using MudBlazor;

namespace VisualRecSys.Web.Components.Layout;

/// <summary>The app's colours: a calm retail palette that keeps product images in front.</summary>
internal static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3b4cca",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2330",
            Background = "#f6f7fb",

            // MudBlazor's default status colours (#00c853, #2196f3, #ff9800, #f44336) read at 2–3.7:1 as text on white or
            // on their own light tint (alerts, outlined chips, error captions); these darker ones keep ≥ 4.5:1 (WCAG AA),
            // which the browser tests check with axe-core on every page.
            Success = "#176b35",
            Info = "#0a62b8",
            Warning = "#9a5200",
            Error = "#c21f1f",
            Secondary = "#c2325a",

            // Labels and captions: 0.54 black on the page's grey background is 4.3:1, just under AA.
            TextSecondary = "rgba(0, 0, 0, 0.64)",
        },
    };
}
