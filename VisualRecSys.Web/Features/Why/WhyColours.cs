using System.Globalization;

namespace VisualRecSys.Web.Features.Why;

/// <summary>The overlay's one colour scale: clear for "no effect", deep orange for "most of the likeness".</summary>
public static class WhyColours
{
    /// <summary>Opacity of the strongest cell: the image stays visible under it.</summary>
    public const float MaxOpacity = 0.8f;

    private const string Rgb = "230, 74, 25";

    /// <summary>The CSS colour of a cell whose masking costs <paramref name="drop"/>, on a scale whose top is <paramref name="scale"/>.</summary>
    /// <remarks>Negative drops (the pair looks more alike without the cell) are drawn clear: the scale shows where likeness is.</remarks>
    public static string Of(float drop, float scale)
    {
        var strength = scale > 0f ? Math.Clamp(drop / scale, 0f, 1f) : 0f;
        return string.Create(CultureInfo.InvariantCulture, $"rgba({Rgb}, {strength * MaxOpacity:0.###})");
    }

    /// <summary>The legend's gradient, from "no effect" to the top of the scale.</summary>
    public static string Gradient { get; } = string.Create(CultureInfo.InvariantCulture, $"linear-gradient(to right, rgba({Rgb}, 0), rgba({Rgb}, {MaxOpacity}))");
}
