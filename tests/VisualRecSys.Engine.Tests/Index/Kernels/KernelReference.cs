namespace VisualRecSys.Engine.Tests.Index.Kernels;

/// <summary>Double-precision scalar references for the SIMD kernels, with an error bound that grows with the terms.</summary>
internal static class KernelReference
{
    public static (double Value, double Tolerance) Dot(float[] x, float[] y)
    {
        double sum = 0, magnitude = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * (double)y[i];
            magnitude += Math.Abs(x[i] * (double)y[i]);
        }

        return (sum, Tolerance(magnitude));
    }

    public static (double Value, double Tolerance) SquaredDistance(float[] x, float[] y)
    {
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - (double)y[i];
            sum += d * d;
        }

        return (sum, Tolerance(sum));
    }

    /// <summary>Values in [-1, 1], with a few exact zeros and ones so edge values are covered.</summary>
    public static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (i % 11) switch
            {
                3 => 0f,
                7 => 1f,
                _ => (float)((random.NextDouble() * 2) - 1),
            };
        }

        return values;
    }

    // float has a 2^-24 relative step; summing in a few dozen partial sums leaves far less than 1e-5 of the magnitude.
    private static double Tolerance(double magnitude) => (1e-5 * magnitude) + 1e-6;
}
