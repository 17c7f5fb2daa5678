namespace VisualRecSys.Engine.Embedding.Preprocessing;

/// <summary>
/// The filter taps of one axis of a separable resize: for each output pixel, the first source pixel it reads and
/// one weight per source pixel from there. Built once per (source length, output length) pair and reused, so
/// resizing a catalog of same-sized images computes no weights after the first.
/// </summary>
/// <remarks>
/// The filter is Mitchell–Netravali with B = C = 1/3, the cubic Skia's <c>SKCubicResampler.Mitchell</c> samples
/// with when enlarging. When shrinking, the filter is stretched by the reduction factor (as Pillow's resize does),
/// so every source pixel contributes and a fine pattern averages out instead of aliasing. Pixel centres sit at
/// i + 0.5 on both axes; taps that fall outside the source read its edge pixel (clamp), and each output's
/// weights sum to 1.
/// </remarks>
internal sealed class ResampleAxis
{
    private const float B = 1f / 3f;
    private const float C = 1f / 3f;

    private int[] _starts = [];
    private int[] _counts = [];
    private float[] _weights = [];

    /// <summary>Source pixels along the axis.</summary>
    public int SourceLength { get; private set; }

    /// <summary>Output pixels along the axis.</summary>
    public int OutputLength { get; private set; }

    /// <summary>Weights stored per output pixel (the widest window; narrower ones are padded with zeros).</summary>
    public int Stride { get; private set; }

    /// <summary>Makes the table for <paramref name="sourceLength"/> → <paramref name="outputLength"/> unless it already is.</summary>
    public void Prepare(int sourceLength, int outputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputLength);
        if (sourceLength == SourceLength && outputLength == OutputLength)
        {
            return;
        }

        var scale = (double)outputLength / sourceLength;
        var stretch = Math.Max(1.0, 1.0 / scale);
        var support = 2.0 * stretch;
        // floor(c − s) .. ceil(c + s) spans at most 2s + 3 pixels, and never more than the source has.
        var stride = Math.Min(sourceLength, (int)Math.Ceiling(2 * support) + 3);
        var starts = new int[outputLength];
        var counts = new int[outputLength];
        var weights = new float[outputLength * stride];
        var windowBuffer = new double[stride];

        for (var i = 0; i < outputLength; i++)
        {
            var centre = (i + 0.5) / scale;
            var first = (int)Math.Floor(centre - support);
            var last = (int)Math.Ceiling(centre + support);
            var start = Math.Clamp(first, 0, sourceLength - 1);
            var end = Math.Clamp(last, 0, sourceLength - 1);
            var count = end - start + 1;
            var window = windowBuffer.AsSpan(0, count);
            window.Clear();

            var sum = 0.0;
            for (var j = first; j <= last; j++)
            {
                var w = Mitchell((j + 0.5 - centre) / stretch);
                if (w != 0)
                {
                    // Taps past an edge read the edge pixel.
                    window[Math.Clamp(j, 0, sourceLength - 1) - start] += w;
                    sum += w;
                }
            }

            // Trim zero weights at both ends so the inner loop reads only pixels that count.
            var lo = 0;
            while (lo < count - 1 && window[lo] == 0)
            {
                lo++;
            }

            var hi = count - 1;
            while (hi > lo && window[hi] == 0)
            {
                hi--;
            }

            starts[i] = start + lo;
            counts[i] = hi - lo + 1;
            var row = weights.AsSpan(i * stride, stride);
            for (var k = lo; k <= hi; k++)
            {
                row[k - lo] = (float)(window[k] / sum);
            }
        }

        _starts = starts;
        _counts = counts;
        _weights = weights;
        Stride = stride;
        SourceLength = sourceLength;
        OutputLength = outputLength;
    }

    /// <summary>First source pixel read by output pixel <paramref name="i"/>.</summary>
    public int Start(int i) => _starts[i];

    /// <summary>Number of source pixels read by output pixel <paramref name="i"/>.</summary>
    public int Count(int i) => _counts[i];

    /// <summary>The weights of output pixel <paramref name="i"/>, one per source pixel from <see cref="Start"/>.</summary>
    public ReadOnlySpan<float> Weights(int i) => _weights.AsSpan(i * Stride, _counts[i]);

    /// <summary>The Mitchell–Netravali cubic (B = C = 1/3) at distance <paramref name="x"/>.</summary>
    internal static double Mitchell(double x)
    {
        x = Math.Abs(x);
        if (x < 1)
        {
            return (((12 - (9 * B) - (6 * C)) * x * x * x) + ((-18 + (12 * B) + (6 * C)) * x * x) + (6 - (2 * B))) / 6;
        }

        if (x < 2)
        {
            return (((-B - (6 * C)) * x * x * x) + (((6 * B) + (30 * C)) * x * x) + (((-12 * B) - (48 * C)) * x) + ((8 * B) + (24 * C))) / 6;
        }

        return 0;
    }
}
