using System.Globalization;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Quality.Jobs;

/// <summary>An immutable snapshot of the latest background evaluation, safe to hand to pages.</summary>
/// <param name="RunId">The stored run.</param>
/// <param name="Request">What it evaluates.</param>
/// <param name="Status">Where the run stands.</param>
/// <param name="Done">Queries searched (or, in the instance stage, edited copies embedded) so far.</param>
/// <param name="Total">Queries to search (or copies to embed); 0 until known.</param>
/// <param name="Message">What is happening, or how it ended.</param>
/// <param name="Stage">Which part of the evaluation <paramref name="Done"/> and <paramref name="Total"/> count. Default: the category queries.</param>
public sealed record EvaluationJobState(int RunId, EvaluationRequest Request, EvaluationRunStatus Status, int Done, int Total, string Message,
    EvaluationStage Stage = EvaluationStage.Category)
{
    /// <summary>Whether the job is still going.</summary>
    public bool IsRunning => Status == EvaluationRunStatus.Running;

    /// <summary>Fraction of the current stage done, 0–1.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    /// <summary>Stages the evaluation goes through: the category queries, then the edited copies when they were asked for.</summary>
    public int Stages => Request.InstanceEdits is null ? 1 : 2;

    /// <summary>The stage for people: <c>stage 2 of 2, edited copies embedded: 40 of 120</c>.</summary>
    public string StageText
    {
        get
        {
            var (number, what) = Stage == EvaluationStage.Instance ? (2, "edited copies embedded") : (1, "category queries searched");
            var counts = Total > 0 ? string.Create(CultureInfo.InvariantCulture, $": {Done:N0} of {Total:N0}") : "";
            return string.Create(CultureInfo.InvariantCulture, $"stage {number} of {Stages}, {what}{counts}");
        }
    }
}
