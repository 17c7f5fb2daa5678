using VisualRecSys.Engine.Explain;

namespace VisualRecSys.Web.Features.Why;

/// <summary>What became of a "why do these look alike" request.</summary>
public enum WhyOutcome
{
    /// <summary>The maps were made (or found in the cache).</summary>
    Explained,

    /// <summary>The query or the result is not a product; <see cref="WhyAnswer.Detail"/> says which.</summary>
    UnknownProduct,

    /// <summary>No index serves yet, so there is no served model to explain.</summary>
    IndexNotReady,

    /// <summary>The served model was imported as vectors: it cannot look at images.</summary>
    NoImagePipeline,

    /// <summary>A product's image is missing or unreadable; <see cref="WhyAnswer.Detail"/> says which and why.</summary>
    ImageUnavailable,
}

/// <summary>The answer to "why do these two products look alike": the maps, or why there are none.</summary>
/// <param name="Outcome">What became of the request.</param>
/// <param name="Explanation">The maps when <see cref="WhyOutcome.Explained"/>.</param>
/// <param name="ModelId">The model explained (the active index's).</param>
/// <param name="Detail">What went wrong and what to do, when not explained.</param>
public sealed record WhyAnswer(WhyOutcome Outcome, PairExplanation? Explanation, string? ModelId, string? Detail)
{
    internal static WhyAnswer Refused(WhyOutcome outcome, string detail) => new(outcome, null, null, detail);
}

/// <summary>Other "why" maps are being computed and the wait for a turn ran out; try again after <see cref="RetryAfter"/>.</summary>
public sealed class WhyBusyException(TimeSpan retryAfter)
    : Exception($"Other \"why\" maps are being computed; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    /// <summary>When a retry is likely to get a turn.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
