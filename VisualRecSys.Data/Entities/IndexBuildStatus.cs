using System.Text.Json.Serialization;

namespace VisualRecSys.Data;

/// <summary>
/// Where an index build stands. Stored as its lower-case name (<c>"running"</c>, <c>"ready"</c>, <c>"failed"</c>), which
/// the database enforces with a check constraint, and written the same way in JSON.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndexBuildStatus>))]
public enum IndexBuildStatus
{
    /// <summary>The build is in progress.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>The build finished and its file can be loaded.</summary>
    [JsonStringEnumMemberName("ready")]
    Ready,

    /// <summary>The build failed; see <see cref="IndexBuild.Error"/>.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
