using System.Text.Json.Serialization;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>One index build as the admin API lists it and the builds page shows it.</summary>
/// <param name="Kind">What kind of index it is; <c>"forest"</c> in the JSON.</param>
/// <param name="Status">Where it stands; <c>"running"</c>, <c>"ready"</c> or <c>"failed"</c> in the JSON.</param>
/// <param name="HasFile">
/// Whether the build still has its index file (so it can be activated or its file deleted). The page needs it; the API
/// never returned it, so it stays out of the JSON.
/// </param>
public sealed record BuildView(
    int Id, IndexBuildKind Kind, IndexBuildStatus Status, bool IsActive, string ModelId, string Metric, int Trees, int SearchK, int Items, int Dimension,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, double? DurationSeconds, long? FileBytes, bool FileDeleted,
    double? RecallAt10, DateTimeOffset? ActivatedAt, string? Error, [property: JsonIgnore] bool HasFile)
{
    public static BuildView Of(IndexBuild b) => new(
        b.Id, b.Kind, b.Status, b.IsActive, b.ModelId, b.Metric, b.Trees, b.SearchK, b.ItemCount, b.Dimension, b.StartedAt, b.FinishedAt,
        b.FinishedAt is { } end ? (end - b.StartedAt).TotalSeconds : null, b.FileBytes, b.FileDeletedAt is not null, b.RecallAt10, b.ActivatedAt, b.Error,
        b.FilePath is not null);
}
