using System.Text.Json.Serialization;

namespace VisualRecSys.Data;

/// <summary>
/// What kind of index a build is. Stored as its lower-case name (<c>"forest"</c>), which the database enforces with a
/// check constraint, and written the same way in JSON.
/// </summary>
/// <remarks>
/// Only kinds something produces are listed: every build, including an <c>import-annoy</c> of a Spotify Annoy file
/// (converted into the same file format), is one of the app's own random-projection forests. Builds recorded before
/// this enum were stored as <c>"annoy"</c>; the <c>IndexBuildKindForest</c> migration renamed them.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<IndexBuildKind>))]
public enum IndexBuildKind
{
    /// <summary>The app's forest of random-projection trees (<c>VisualRecSys.Engine.Index.Forest</c>), served from its <c>.vrsx</c> file.</summary>
    [JsonStringEnumMemberName("forest")]
    Forest,
}
