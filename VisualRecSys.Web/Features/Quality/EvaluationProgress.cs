namespace VisualRecSys.Web.Features.Quality;

/// <summary>Which part of an evaluation is running.</summary>
public enum EvaluationStage
{
    /// <summary>Searching with the held-out queries (category ground truth, ANN recall and latency).</summary>
    Category,

    /// <summary>Editing sampled products and embedding the copies (instance ground truth).</summary>
    Instance,
}

/// <summary>How far an evaluation is: in <paramref name="Stage"/>, <paramref name="Done"/> of <paramref name="Total"/> queries searched (or copies embedded).</summary>
public readonly record struct EvaluationProgress(int Done, int Total, EvaluationStage Stage = EvaluationStage.Category);
