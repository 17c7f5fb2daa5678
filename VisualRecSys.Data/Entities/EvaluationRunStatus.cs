using System.Text.Json.Serialization;

namespace VisualRecSys.Data;

/// <summary>
/// Where an evaluation run stands. Stored as its lower-case name (<c>"running"</c>, <c>"completed"</c>, <c>"failed"</c>),
/// which the database enforces with a check constraint, and written the same way in JSON.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationRunStatus>))]
public enum EvaluationRunStatus
{
    /// <summary>The evaluation is in progress (or was, when the process stopped before it finished).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>The evaluation finished; its figures are stored.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The evaluation failed, was cancelled or was interrupted; see <see cref="EvaluationRun.Error"/>.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
