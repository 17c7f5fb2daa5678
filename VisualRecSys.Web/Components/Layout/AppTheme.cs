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
            Secondary = "#e0567a",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2330",
            Background = "#f6f7fb",
        },
    };
}
