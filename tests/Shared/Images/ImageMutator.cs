namespace VisualRecSys.Testing.Images;

/// <summary>
/// Makes broken variants of valid images for fuzz tests, reproducibly from a seed: the kinds of damage real files get
/// (cut short, bytes flipped, blocks overwritten or repeated, header sizes set to extremes, two files spliced).
/// </summary>
internal sealed class ImageMutator(IReadOnlyList<byte[]> corpus, int seed)
{
    // Width and height fields of PNG, GIF, BMP and JPEG headers all lie in the first few hundred bytes; these values
    // are the ones that overflow arithmetic or ask for huge allocations.
    private static readonly uint[] s_extremes = [0, 1, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF];

    private readonly Random _random = new(seed);

    /// <summary>The next mutated file and what was done to it (for the failure message).</summary>
    public (byte[] Bytes, string Description) Next()
    {
        var index = _random.Next(corpus.Count);
        var source = corpus[index];
        var kind = _random.Next(7);
        var bytes = kind switch
        {
            0 => Truncate(source),
            1 => FlipBytes(source),
            2 => Overwrite(source),
            3 => Insert(source),
            4 => RepeatBlock(source),
            5 => ExtremeHeaderValue(source),
            _ => Splice(source, corpus[_random.Next(corpus.Count)]),
        };
        return (bytes, $"corpus[{index}] ({source.Length} bytes), mutation {kind}, {bytes.Length} bytes");
    }

    private byte[] Truncate(byte[] source) => source[.._random.Next(source.Length)];

    private byte[] FlipBytes(byte[] source)
    {
        var bytes = (byte[])source.Clone();
        for (int i = 0, n = 1 + _random.Next(8); i < n; i++)
        {
            bytes[_random.Next(bytes.Length)] ^= (byte)(1 + _random.Next(255));
        }

        return bytes;
    }

    private byte[] Overwrite(byte[] source)
    {
        var bytes = (byte[])source.Clone();
        var at = _random.Next(bytes.Length);
        _random.NextBytes(bytes.AsSpan(at, Math.Min(bytes.Length - at, 1 + _random.Next(64))));
        return bytes;
    }

    private byte[] Insert(byte[] source)
    {
        var at = _random.Next(source.Length + 1);
        var extra = new byte[1 + _random.Next(32)];
        _random.NextBytes(extra);
        return [.. source.AsSpan(0, at), .. extra, .. source.AsSpan(at)];
    }

    private byte[] RepeatBlock(byte[] source)
    {
        var at = _random.Next(source.Length);
        var length = Math.Min(source.Length - at, 1 + _random.Next(256));
        return [.. source.AsSpan(0, at + length), .. source.AsSpan(at, length), .. source.AsSpan(at + length)];
    }

    private byte[] ExtremeHeaderValue(byte[] source)
    {
        var bytes = (byte[])source.Clone();
        var value = s_extremes[_random.Next(s_extremes.Length)];
        var at = _random.Next(Math.Max(1, Math.Min(bytes.Length - 4, 256)));
        var bigEndian = _random.Next(2) == 0;
        for (var i = 0; i < 4 && at + i < bytes.Length; i++)
        {
            var shift = bigEndian ? 24 - (8 * i) : 8 * i;
            bytes[at + i] = (byte)(value >> shift);
        }

        return bytes;
    }

    private byte[] Splice(byte[] first, byte[] second)
    {
        var head = _random.Next(first.Length);
        var tail = _random.Next(second.Length);
        return [.. first.AsSpan(0, head), .. second.AsSpan(tail)];
    }
}
