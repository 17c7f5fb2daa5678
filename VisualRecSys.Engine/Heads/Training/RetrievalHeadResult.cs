using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Heads.Whitening;

namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// A trained retrieval head: its member networks, the whitening learned from the edited copies, the class offsets, the
/// backbone share the two-axis rule chose, and the held-out figures it chose by (the backbone's, each candidate's).
/// </summary>
public sealed record RetrievalHeadResult
{
    /// <summary>The member networks.</summary>
    public required IReadOnlyList<HeadNetwork> Members { get; init; }

    /// <summary>The whitening of the backbone's vectors (learned from original–copy pairs).</summary>
    public required BackboneWhitening Whitening { get; init; }

    /// <summary>The class offsets and the chosen temperature.</summary>
    public required ClassCalibration Calibration { get; init; }

    /// <summary>The chosen backbone share.</summary>
    public required float Share { get; init; }

    /// <summary>The raw backbone on the held-out products.</summary>
    public required TwoAxisFigures Backbone { get; init; }

    /// <summary>Per temperature, the head's class part alone (<c>head alone, T 1</c>) then each share tried (<c>share 0.5, T 1</c>), on the held-out products.</summary>
    public required IReadOnlyList<TwoAxisFigures> Candidates { get; init; }

    /// <summary>What the rule chose.</summary>
    public required TwoAxisFigures Chosen { get; init; }

    /// <summary>Each member's training run.</summary>
    public required IReadOnlyList<HeadTrainingResult> Trainings { get; init; }

    /// <summary>Products held out.</summary>
    public required int ValidationProducts { get; init; }

    /// <summary>Edited copies trained on (and the whitening learned from).</summary>
    public required int CopiesTrained { get; init; }

    /// <summary>Edited copies of held-out products, searched to measure instance recall.</summary>
    public required int CopiesValidated { get; init; }

    /// <summary>Wall-clock time of the training and the choice.</summary>
    public required TimeSpan Elapsed { get; init; }
}

/// <summary>Where a retrieval head's training is: a stage, and for member training the member and its last epoch.</summary>
/// <param name="Stage">What runs.</param>
/// <param name="Member">The member (1-based) an epoch belongs to; 0 otherwise.</param>
/// <param name="Members">Members in all.</param>
/// <param name="Epoch">The member's epoch just finished, when <paramref name="Member"/> is above 0.</param>
public sealed record RetrievalHeadProgress(string Stage, int Member, int Members, HeadEpoch? Epoch);
