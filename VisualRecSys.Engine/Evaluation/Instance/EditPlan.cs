namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>
/// Which edits each sampled product gets: copy j of the i-th product takes the kind at (i × copies + j) modulo the
/// family's size, so every product gets distinct kinds (while copies ≤ kinds) and the kinds are used equally often;
/// each copy's parameters come from a seed of its own, fixed by the run's seed, the product's id and j.
/// </summary>
public static class EditPlan
{
    /// <summary>The kind of copy <paramref name="copy"/> of the <paramref name="position"/>-th product of the sample.</summary>
    public static ImageEditKind KindOf(int position, int copy, int copies, IReadOnlyList<ImageEditKind> family)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(copy);
        ArgumentNullException.ThrowIfNull(family);
        return family[(int)((((long)position * copies) + copy) % family.Count)];
    }

    /// <summary>
    /// The seed of an edit: SplitMix64 over the run's seed, the product and the copy. Stable across processes and
    /// versions (unlike <see cref="HashCode"/>, which is randomised per process).
    /// </summary>
    public static int SeedOf(int runSeed, int productId, int copy)
    {
        var x = unchecked(((ulong)(uint)runSeed << 32) ^ ((ulong)(uint)productId * 0x9E3779B97F4A7C15UL) ^ (ulong)(uint)copy);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (int)(x & 0x7FFFFFFF);
    }
}
