namespace VisualRecSys.Data;

/// <summary>The allowed values of <see cref="EvaluationRun.Status"/> (the database enforces them with a check constraint).</summary>
public static class EvaluationRunStatus
{
    /// <summary>The evaluation is in progress (or was, when the process stopped before it finished).</summary>
    public const string Running = "running";

    /// <summary>The evaluation finished; its figures are stored.</summary>
    public const string Completed = "completed";

    /// <summary>The evaluation failed, was cancelled or was interrupted; see <see cref="EvaluationRun.Error"/>.</summary>
    public const string Failed = "failed";
}
