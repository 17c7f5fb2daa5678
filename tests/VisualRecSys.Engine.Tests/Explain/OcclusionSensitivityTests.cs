using VisualRecSys.Engine.Explain;

namespace VisualRecSys.Engine.Tests.Explain;

public sealed class OcclusionSensitivityTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    public void A_vector_of_one_quadrant_lights_that_quadrant_only(int quadrantRow, int quadrantColumn)
    {
        var model = new QuadrantModel(quadrantRow, quadrantColumn);

        var why = OcclusionSensitivity.Explain(model, model.Square(1), model.Square(2), grid: 4);

        foreach (var map in new[] { why.Query, why.Result })
        {
            for (var row = 0; row < 4; row++)
            {
                for (var column = 0; column < 4; column++)
                {
                    var inQuadrant = row / 2 == quadrantRow && column / 2 == quadrantColumn;
                    if (inQuadrant)
                    {
                        Assert.True(map[row, column] > 1e-3f, $"cell ({row}, {column}) of the quadrant dropped only {map[row, column]}");
                    }
                    else
                    {
                        Assert.Equal(0f, map[row, column], 6);
                    }
                }
            }

            Assert.Equal(quadrantRow, map.Strongest().Row / 2);
            Assert.Equal(quadrantColumn, map.Strongest().Column / 2);
        }
    }

    [Fact]
    public void A_grid_of_two_lights_the_one_cell_that_is_the_quadrant()
    {
        var model = new QuadrantModel(1, 0);

        var why = OcclusionSensitivity.Explain(model, model.Square(3), model.Square(4), grid: 2);

        Assert.Equal(2, why.Grid);
        Assert.True(why.Query[1, 0] > 1e-3f);
        Assert.Equal([0f, 0f, 0f], new[] { why.Query[0, 0], why.Query[0, 1], why.Query[1, 1] });
        Assert.InRange(why.Cosine, -1f, 1f);
    }

    [Fact]
    public void Both_images_and_every_masked_copy_go_through_the_model_in_batches()
    {
        var model = new QuadrantModel(0, 0, batchSize: 4);

        OcclusionSensitivity.Explain(model, model.Square(1), model.Square(2), grid: 3);

        // 2 × (9 masked + 1 original) = 20 squares in runs of at most 4.
        Assert.Equal(20, model.Embedded);
        Assert.Equal(5, model.Runs);
    }

    [Fact]
    public void Cells_that_are_all_background_already_are_not_embedded_and_drop_nothing()
    {
        var model = new QuadrantModel(1, 1);
        var query = model.Square(1);
        var blank = model.Square(2);
        for (var i = 0; i < 3 * 16 * 16; i++)
        {
            // The top-left quadrant turned into background (the ring's black).
            if (i % 16 < 8 && i / 16 % 16 < 8)
            {
                blank[i] = 0f;
            }
        }

        var why = OcclusionSensitivity.Explain(model, query, blank, grid: 4);

        // 2 originals + 16 query cells + 12 result cells: the result's 4 blank cells would be copies of the original.
        Assert.Equal(30, model.Embedded);
        Assert.Equal([0f, 0f, 0f, 0f], new[] { why.Result[0, 0], why.Result[0, 1], why.Result[1, 0], why.Result[1, 1] });
        Assert.True(why.Query[3, 3] > 1e-3f);
    }

    [Fact]
    public void The_cosine_is_that_of_the_unmasked_images()
    {
        var model = new QuadrantModel(0, 0);
        var query = model.Square(5);

        var why = OcclusionSensitivity.Explain(model, query, query, grid: 2);

        Assert.Equal(1f, why.Cosine, 5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    public void A_grid_out_of_range_is_refused_with_the_range(int grid)
    {
        var model = new QuadrantModel(0, 0);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OcclusionSensitivity.Explain(model, model.Square(1), model.Square(2), grid));

        Assert.Contains("between 2 and 14", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, 224)]
    [InlineData(5, 224)]
    [InlineData(14, 224)]
    public void Cells_cover_the_side_without_gaps(int grid, int size)
    {
        var end = 0;
        for (var i = 0; i < grid; i++)
        {
            var (start, stop) = OcclusionSensitivity.CellSpan(i, grid, size);
            Assert.Equal(end, start);
            Assert.True(stop > start);
            end = stop;
        }

        Assert.Equal(size, end);
    }
}
