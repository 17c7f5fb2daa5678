namespace VisualRecSys.Engine.Heads.Training;

/// <summary>How a retrieval head is trained. The defaults are the settings measured best on Fashion-MNIST (see README).</summary>
public sealed class RetrievalHeadOptions
{
    /// <summary>How each member network is trained (its seed is <see cref="Seed"/> + its number).</summary>
    public HeadTrainingOptions Network { get; set; } = new();

    /// <summary>Networks in the ensemble: averaging five raised category precision@10 from 0.906 to 0.914 (Shirt 0.725 to 0.736).</summary>
    public int Members { get; set; } = 5;

    /// <summary>Share of the products held out to choose the epoch, the class offsets and the backbone's share.</summary>
    public double ValidationShare { get; set; } = 0.1;

    /// <summary>Seed of the held-out products and, plus the member's number, of each member.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>The backbone shares tried on the held-out products; the two-axis rule chooses among them.</summary>
    public IReadOnlyList<float> Shares { get; set; } = [0.3f, 0.4f, 0.5f, 0.6f, 0.7f];

    /// <summary>
    /// The temperatures tried with each share (the class offsets are divided by it too): below 1 sharpens the class part,
    /// which sorts by kind more strictly and forgives a copy whose predicted kind changed less.
    /// </summary>
    public IReadOnlyList<float> Temperatures { get; set; } = [1f, 0.6f];

    /// <summary>Whether per-category offsets are fitted so that no category is given up for the others.</summary>
    public bool BalanceCategories { get; set; } = true;

    /// <summary>Members trained at once; -1 for one per core.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Network, nameof(Network));
        ArgumentOutOfRangeException.ThrowIfLessThan(Members, 1, nameof(Members));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Members, 32, nameof(Members));
        if (!(ValidationShare > 0 && ValidationShare < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationShare), ValidationShare, "Hold out more than none and less than half of the products.");
        }

        if (Shares is null || Shares.Count == 0 || Shares.Any(s => !(s > 0 && s < 1)))
        {
            throw new ArgumentException("Give at least one backbone share, each above 0 and below 1.", nameof(Shares));
        }

        if (Temperatures is null || Temperatures.Count == 0 || Temperatures.Any(t => !(t > 0 && float.IsFinite(t))))
        {
            throw new ArgumentException("Give at least one temperature, each a positive number.", nameof(Temperatures));
        }
    }
}
