using System.Numerics.Tensors;

namespace VisualRecSys.Bench.Index.Datasets;

/// <summary>
/// A small, fast, fully specified generator (xoshiro256**, seeded through SplitMix64) so generated benchmark data
/// is the same on every machine and .NET version. Independent streams are derived from (seed, stream, index), so
/// each item can be generated on any thread in any order and still come out the same.
/// </summary>
internal struct SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>The stream for item <paramref name="index"/> of kind <paramref name="stream"/> under <paramref name="seed"/>.</summary>
    public SeededRandom(int seed, int stream, long index)
    {
        var state = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream * 0x9E3779B97F4A7C15UL) ^ ((ulong)index * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>) (the bias for small ranges is below 2⁻⁵⁰).</summary>
    public int NextInt(int exclusiveMax) => (int)((NextUInt64() >> 11) * (ulong)exclusiveMax >> 53);

    /// <summary>Fills <paramref name="destination"/> with independent N(0, σ²) values (Box–Muller, vectorized).</summary>
    public void FillGaussian(Span<float> destination, float sigma)
    {
        // Box–Muller turns two uniforms into two normals: r = sqrt(-2 ln u1), z = r cos(2π u2), r sin(2π u2).
        // The transcendental parts run over whole spans with TensorPrimitives.
        const int Chunk = 256;
        Span<float> radius = stackalloc float[Chunk];
        Span<float> angle = stackalloc float[Chunk];
        Span<float> sin = stackalloc float[Chunk];
        Span<float> cos = stackalloc float[Chunk];
        while (!destination.IsEmpty)
        {
            var pairs = Math.Min(Chunk, (destination.Length + 1) / 2);
            for (var i = 0; i < pairs; i++)
            {
                var bits = NextUInt64();
                radius[i] = 1f - ((bits >> 40) * (1f / (1 << 24))); // (0, 1]: never log(0)
                angle[i] = (bits & 0xFFFFFF) * (1f / (1 << 24)) * 2f * MathF.PI;
            }

            var r = radius[..pairs];
            TensorPrimitives.Log(r, r);
            TensorPrimitives.Multiply(r, -2f * sigma * sigma, r);
            TensorPrimitives.Sqrt(r, r);
            TensorPrimitives.SinCos(angle[..pairs], sin[..pairs], cos[..pairs]);
            var first = Math.Min(pairs, destination.Length);
            TensorPrimitives.Multiply(r[..first], cos[..first], destination[..first]);
            var second = Math.Min(pairs, destination.Length - first);
            TensorPrimitives.Multiply(r[..second], sin[..second], destination.Slice(first, second));
            destination = destination[(first + second)..];
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
