using VisualRecSys.Engine.Explain;

namespace VisualRecSys.Engine.Tests.Explain;

/// <summary>
/// A model whose answer is known: its vector holds the mean pixel of each quarter of one quadrant of the first plane and
/// nothing else, so only cells of that quadrant can change it. Counts the squares it embeds.
/// </summary>
internal sealed class QuadrantModel(int quadrantRow, int quadrantColumn, int inputSize = 16, int batchSize = 4) : IPixelModel
{
    public string ModelId => "quadrant";

    public int Dimension => 4;

    public int InputSize => inputSize;

    public int BatchSize => batchSize;

    public int Embedded { get; private set; }

    public int Runs { get; private set; }

    public void Render(ReadOnlySpan<byte> encodedImage, Span<float> planes) =>
        throw new NotSupportedException("The tests hand this model rendered squares.");

    public void Embed(Memory<float> planes, int count, Span<float> destination)
    {
        Assert.InRange(count, 1, batchSize);
        Runs++;
        Embedded += count;
        var length = 3 * inputSize * inputSize;
        var half = inputSize / 2;
        var quarter = half / 2;
        for (var i = 0; i < count; i++)
        {
            var plane = planes.Span.Slice(i * length, inputSize * inputSize);
            for (var part = 0; part < 4; part++)
            {
                var top = (quadrantRow * half) + (part / 2 * quarter);
                var left = (quadrantColumn * half) + (part % 2 * quarter);
                var sum = 0f;
                for (var y = top; y < top + quarter; y++)
                {
                    for (var x = left; x < left + quarter; x++)
                    {
                        sum += plane[(y * inputSize) + x];
                    }
                }

                destination[(i * Dimension) + part] = sum / (quarter * quarter);
            }
        }
    }

    /// <summary>A square on a black background (its outer ring) with pixels of 50..250 inside, from a fixed seed.</summary>
    public float[] Square(int seed)
    {
        var random = new Random(seed);
        var square = new float[3 * inputSize * inputSize];
        for (var i = 0; i < square.Length; i++)
        {
            var x = i % inputSize;
            var y = i / inputSize % inputSize;
            var ring = x == 0 || y == 0 || x == inputSize - 1 || y == inputSize - 1;
            square[i] = ring ? 0f : 50f + (200f * random.NextSingle());
        }

        return square;
    }
}
