using System.Globalization;
using VisualRecSys.Engine.Explain;

namespace VisualRecSys.Web.Features.Why;

/// <summary>Words for a map, for those who cannot see the overlay: which part of the image carries most of the likeness.</summary>
public static class WhyRegion
{
    private static readonly string[,] s_names =
    {
        { "top-left", "top", "top-right" },
        { "left", "centre", "right" },
        { "bottom-left", "bottom", "bottom-right" },
    };

    /// <summary>The ninth of the image (top-left … bottom-right) holding the centre of the cell of <paramref name="map"/> with the largest drop.</summary>
    public static string Of(OcclusionMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var (row, column) = map.Strongest();

        // By the cell's centre, so the two cells of a 2 × 2 grid's column are "top" and "bottom", not "top" and "middle".
        return s_names[((2 * row) + 1) * 3 / (2 * map.Grid), ((2 * column) + 1) * 3 / (2 * map.Grid)];
    }

    /// <summary>A sentence saying where most of the likeness comes from, and how much hiding it costs.</summary>
    public static string Describe(OcclusionMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Peak <= 0f
            ? "No single part carries the likeness: hiding any one cell leaves it as it is."
            : string.Create(CultureInfo.InvariantCulture,
                $"Most of the likeness comes from the {Of(map)}: hiding that cell lowers the similarity by {map.Peak:0.000}.");
    }
}
