namespace VisualRecSys.Engine.Explain;

/// <summary>
/// Where one image's share of a likeness lies: for each cell of a grid over the image, how much the cosine to the other
/// image drops when that cell is masked. Positive: the cell carries likeness; about 0: it does not matter; negative: the
/// pair looks more alike without it.
/// </summary>
public sealed class OcclusionMap
{
    private readonly float[] _drops;

    /// <summary>Wraps <paramref name="drops"/>, <paramref name="grid"/> rows of <paramref name="grid"/> cells, top row first.</summary>
    /// <exception cref="ArgumentException">The drops are not grid × grid.</exception>
    public OcclusionMap(int grid, float[] drops)
    {
        ArgumentNullException.ThrowIfNull(drops);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(grid);
        if (drops.Length != grid * grid)
        {
            throw new ArgumentException($"A {grid} × {grid} map needs {grid * grid} drops; got {drops.Length}.", nameof(drops));
        }

        Grid = grid;
        _drops = drops;
    }

    /// <summary>Cells per row and per column.</summary>
    public int Grid { get; }

    /// <summary>The drops, row after row.</summary>
    public ReadOnlySpan<float> Drops => _drops;

    /// <summary>The drop of the cell in <paramref name="row"/> (0 = top) and <paramref name="column"/> (0 = left).</summary>
    public float this[int row, int column] => _drops[(row * Grid) + column];

    /// <summary>The largest drop (0 when no cell adds likeness).</summary>
    public float Peak => Math.Max(0f, _drops.Max());

    /// <summary>The drops as rows of cells, top row first (the API's shape).</summary>
    public float[][] ToRows() => Enumerable.Range(0, Grid).Select(r => _drops.AsSpan(r * Grid, Grid).ToArray()).ToArray();

    /// <summary>The cell with the largest drop: (row, column).</summary>
    public (int Row, int Column) Strongest()
    {
        var best = 0;
        for (var i = 1; i < _drops.Length; i++)
        {
            if (_drops[i] > _drops[best])
            {
                best = i;
            }
        }

        return (best / Grid, best % Grid);
    }
}
