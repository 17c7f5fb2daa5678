namespace VisualRecSys.Engine.Duplicates;

/// <summary>What counts as a duplicate: how alike two items must be, and how many neighbours of each item are looked at.</summary>
public sealed record DuplicateSearch
{
    /// <summary>The most neighbours one item's search may ask for.</summary>
    public const int MaxNeighbours = 100;

    /// <summary>
    /// Two items whose vectors have at least this cosine similarity are duplicates, in (0, 1]. Default 0.94, the value
    /// measured on the demo catalog with planted duplicates (README, "Duplicates in the catalog").
    /// </summary>
    public float Threshold { get; init; } = DefaultThreshold;

    /// <summary>
    /// Neighbours asked of each item's search, 1–<see cref="MaxNeighbours"/>. Default 8: a group larger than this is still
    /// one cluster, since its members are linked through one another.
    /// </summary>
    public int Neighbours { get; init; } = 8;

    /// <summary>The threshold used when none is given.</summary>
    public const float DefaultThreshold = 0.94f;

    /// <summary>Throws when a value is out of range; the message names it and says what is allowed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not in (0, 1] or the neighbours not in 1–<see cref="MaxNeighbours"/>.</exception>
    public void Validate()
    {
        if (!(Threshold > 0 && Threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, $"The threshold is a cosine similarity above 0 and at most 1; got {Threshold}.");
        }

        if (Neighbours is < 1 or > MaxNeighbours)
        {
            throw new ArgumentOutOfRangeException(nameof(Neighbours), Neighbours, $"Neighbours must be between 1 and {MaxNeighbours}; got {Neighbours}.");
        }
    }
}
