using System.Buffers;
using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Explain;

/// <summary>
/// Occlusion sensitivity for a pair of images (Zeiler and Fergus, 2014): each cell of a grid over one image is masked in
/// turn, the masked copies are embedded, and the drop of their cosine to the other image says how much of the likeness
/// that cell carries. Both images, their masked copies and the two originals go through the model in the same batched
/// runs: at most 2 × (grid² + 1) images.
/// </summary>
public static class OcclusionSensitivity
{
    /// <summary>Smallest grid: halves of the image.</summary>
    public const int MinGrid = 2;

    /// <summary>Largest grid: cells of 16 pixels on a 224-pixel input; finer cells hardly move a ResNet's pooled vector.</summary>
    public const int MaxGrid = 14;

    /// <summary>Explains why two encoded images look alike to <paramref name="model"/>.</summary>
    /// <param name="model">The model whose likeness is explained.</param>
    /// <param name="queryImage">The query's encoded image.</param>
    /// <param name="resultImage">The result's encoded image.</param>
    /// <param name="grid">Cells per side, <see cref="MinGrid"/> to <see cref="MaxGrid"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grid"/> is out of range.</exception>
    /// <exception cref="Embedding.InvalidImageException">An image cannot be decoded.</exception>
    public static PairExplanation Explain(IPixelModel model, ReadOnlySpan<byte> queryImage, ReadOnlySpan<byte> resultImage, int grid)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckGrid(grid);
        var length = SquareLength(model);
        var query = new float[length];
        var result = new float[length];
        model.Render(queryImage, query);
        model.Render(resultImage, result);
        return Explain(model, query, result, grid);
    }

    /// <summary>Explains why two rendered squares (as <see cref="IPixelModel.Render"/> makes them) look alike.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grid"/> is out of range.</exception>
    /// <exception cref="ArgumentException">A square is not 3 × InputSize² floats.</exception>
    public static PairExplanation Explain(IPixelModel model, ReadOnlySpan<float> querySquare, ReadOnlySpan<float> resultSquare, int grid)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckGrid(grid);
        var length = SquareLength(model);
        if (querySquare.Length != length || resultSquare.Length != length)
        {
            throw new ArgumentException($"Each square must hold 3 × {model.InputSize}² = {length} floats.");
        }

        var cells = grid * grid;
        var size = model.InputSize;
        var queryFill = BackgroundColour(querySquare, size);
        var resultFill = BackgroundColour(resultSquare, size);

        // The run: the query, its masked copies, the result, its masked copies. A cell that is all background already
        // would be masked into an identical copy whose embedding is the original's: its drop is exactly 0 and it is left
        // out (on the demo catalog's Fashion-MNIST images, a tenth to a half of a 7 × 7 grid's cells).
        var jobs = new List<(bool IsQuery, int Cell)>(2 * (cells + 1));
        for (var side = 0; side < 2; side++)
        {
            var isQuery = side == 0;
            jobs.Add((isQuery, -1));
            for (var c = 0; c < cells; c++)
            {
                if (!IsAll(isQuery ? querySquare : resultSquare, size, grid, c, isQuery ? queryFill : resultFill))
                {
                    jobs.Add((isQuery, c));
                }
            }
        }

        var resultAt = jobs.FindIndex(j => !j.IsQuery);

        var dimension = model.Dimension;
        var vectors = new float[jobs.Count * dimension];
        var batch = Math.Max(1, model.BatchSize);
        var buffer = ArrayPool<float>.Shared.Rent(batch * length);
        try
        {
            for (var start = 0; start < jobs.Count; start += batch)
            {
                var count = Math.Min(batch, jobs.Count - start);
                for (var i = 0; i < count; i++)
                {
                    var (isQuery, cell) = jobs[start + i];
                    var square = buffer.AsSpan(i * length, length);
                    (isQuery ? querySquare : resultSquare).CopyTo(square);
                    if (cell >= 0)
                    {
                        Mask(square, size, grid, cell, isQuery ? queryFill : resultFill);
                    }
                }

                model.Embed(buffer.AsMemory(0, count * length), count, vectors.AsSpan(start * dimension, count * dimension));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        var queryVector = vectors.AsSpan(0, dimension);
        var resultVector = vectors.AsSpan(resultAt * dimension, dimension);
        var cosine = Cosine(queryVector, resultVector);
        var queryDrops = new float[cells];
        var resultDrops = new float[cells];
        for (var k = 0; k < jobs.Count; k++)
        {
            var (isQuery, cell) = jobs[k];
            if (cell < 0)
            {
                continue;
            }

            var masked = vectors.AsSpan(k * dimension, dimension);
            if (isQuery)
            {
                queryDrops[cell] = cosine - Cosine(masked, resultVector);
            }
            else
            {
                resultDrops[cell] = cosine - Cosine(queryVector, masked);
            }
        }

        return new PairExplanation(grid, cosine, new OcclusionMap(grid, queryDrops), new OcclusionMap(grid, resultDrops));
    }

    /// <summary>
    /// The first and last pixel (exclusive) of cell <paramref name="index"/> of <paramref name="grid"/> along a side of
    /// <paramref name="size"/> pixels: cells differ by at most one pixel and together cover the side.
    /// </summary>
    public static (int Start, int End) CellSpan(int index, int grid, int size) => (index * size / grid, (index + 1) * size / grid);

    /// <summary>
    /// Fills one cell with the image's background colour. Not black and not the model's mean: catalogue photos stand on
    /// a plain background (white studio shots, Fashion-MNIST's black), and a cell of background reads as "this part of
    /// the item is missing" where a grey or black block would add an edge the network sees as a feature of its own.
    /// </summary>
    private static void Mask(Span<float> square, int size, int grid, int cell, ReadOnlySpan<float> fill)
    {
        var (top, bottom) = CellSpan(cell / grid, grid, size);
        var (left, right) = CellSpan(cell % grid, grid, size);
        var planeLength = size * size;
        for (var c = 0; c < 3; c++)
        {
            for (var y = top; y < bottom; y++)
            {
                square.Slice((c * planeLength) + (y * size) + left, right - left).Fill(fill[c]);
            }
        }
    }

    /// <summary>Whether every pixel of the cell already has the fill colour.</summary>
    private static bool IsAll(ReadOnlySpan<float> square, int size, int grid, int cell, ReadOnlySpan<float> fill)
    {
        var (top, bottom) = CellSpan(cell / grid, grid, size);
        var (left, right) = CellSpan(cell % grid, grid, size);
        var planeLength = size * size;
        for (var c = 0; c < 3; c++)
        {
            for (var y = top; y < bottom; y++)
            {
                if (square.Slice((c * planeLength) + (y * size) + left, right - left).ContainsAnyExcept(fill[c]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The median colour of the square's outermost ring of pixels, per plane: the background the item stands on. The
    /// median, not the mean, so an item that touches the edge (a sneaker spans the whole width) does not tint it, and it
    /// is a value the background really has, so cells of pure background are recognised as such.
    /// </summary>
    private static float[] BackgroundColour(ReadOnlySpan<float> square, int size)
    {
        var planeLength = size * size;
        var colour = new float[3];
        var ring = new float[4 * (size - 1)];
        for (var c = 0; c < 3; c++)
        {
            var plane = square.Slice(c * planeLength, planeLength);
            plane[..size].CopyTo(ring);
            plane[^size..].CopyTo(ring.AsSpan(size));
            var n = 2 * size;
            for (var y = 1; y < size - 1; y++)
            {
                ring[n++] = plane[y * size];
                ring[n++] = plane[(y * size) + size - 1];
            }

            Array.Sort(ring);
            colour[c] = ring[ring.Length / 2];
        }

        return colour;
    }

    /// <summary>Cosine of two vectors, 0 when either is all zeros (a model can map a blank square to nothing).</summary>
    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms > 0f ? TensorPrimitives.Dot(a, b) / norms : 0f;
    }

    private static int SquareLength(IPixelModel model) => 3 * model.InputSize * model.InputSize;

    private static void CheckGrid(int grid)
    {
        if (grid is < MinGrid or > MaxGrid)
        {
            throw new ArgumentOutOfRangeException(nameof(grid), grid, $"The grid must be between {MinGrid} and {MaxGrid} cells per side.");
        }
    }
}
