using VisualRecSys.Engine.Heads.Whitening;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// How a head's embedding carries the backbone's own vector beside the head's output: with a <see cref="Share"/> above
/// 0 the embedding is [√share · unit(w(x)), √(1 − share) · unit(head)], where w is <see cref="Whitening"/> (or nothing),
/// so the cosine of two embeddings is share × their instance cosine + (1 − share) × their head cosine. The head sorts
/// by kind; the (whitened) backbone keeps what makes two photographs of one product alike.
/// </summary>
/// <param name="Share">The share of the instance cosine, 0 (the head's output alone) to below 1.</param>
/// <param name="Whitening">What the backbone's vector goes through first; null: the unit vector as it is.</param>
public sealed record HeadFusion(float Share, BackboneWhitening? Whitening)
{
    /// <summary>The share of the instance cosine.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not in [0, 1).</exception>
    public float Share { get; init; } = Share is >= 0 and < 1
        ? Share
        : throw new ArgumentOutOfRangeException(nameof(Share), Share, "The backbone's share must be at least 0 and below 1.");

    /// <summary>The head's output alone.</summary>
    public static HeadFusion None { get; } = new(0, null);

    /// <summary>Whether the embedding carries the backbone's vector.</summary>
    public bool IsFused => Share > 0;

    /// <summary>Floats the instance part contributes for a backbone of <paramref name="inputs"/> floats.</summary>
    public int DimensionFor(int inputs) => !IsFused ? 0 : Whitening?.Outputs ?? inputs;

    /// <summary>Checks that the whitening takes the head's backbone vectors.</summary>
    /// <exception cref="ArgumentException">It takes vectors of another length.</exception>
    public void Validate(int inputs)
    {
        if (Whitening is { } whitening && whitening.Inputs != inputs)
        {
            throw new ArgumentException($"The whitening takes {whitening.Inputs} floats; the head's backbone gives {inputs}.", nameof(inputs));
        }
    }
}
