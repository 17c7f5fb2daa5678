using VisualRecSys.Engine.Explain;
using VisualRecSys.Web.Features.Why;

namespace VisualRecSys.Web.Tests.Features.Why;

public sealed class WhyRegionTests
{
    private static OcclusionMap PeakAt(int grid, int row, int column)
    {
        var drops = new float[grid * grid];
        drops[(row * grid) + column] = 0.05f;
        drops[0] = row == 0 && column == 0 ? 0.05f : 0.01f;
        return new OcclusionMap(grid, drops);
    }

    [Theory]
    [InlineData(7, 0, 0, "top-left")]
    [InlineData(7, 3, 3, "centre")]
    [InlineData(7, 6, 5, "bottom-right")]
    [InlineData(7, 1, 4, "top")]
    [InlineData(2, 1, 0, "bottom-left")]
    public void The_strongest_cell_is_named_by_its_ninth_of_the_image(int grid, int row, int column, string expected)
    {
        Assert.Equal(expected, WhyRegion.Of(PeakAt(grid, row, column)));
    }

    [Fact]
    public void A_map_where_no_cell_matters_says_so()
    {
        var text = WhyRegion.Describe(new OcclusionMap(3, new float[9]));

        Assert.StartsWith("No single part", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Colours_go_from_clear_to_the_full_colour_and_negative_drops_stay_clear()
    {
        Assert.Equal("rgba(230, 74, 25, 0)", WhyColours.Of(-0.02f, 0.04f));
        Assert.Equal("rgba(230, 74, 25, 0.4)", WhyColours.Of(0.02f, 0.04f));
        Assert.Equal("rgba(230, 74, 25, 0.8)", WhyColours.Of(0.08f, 0.04f));
    }
}
