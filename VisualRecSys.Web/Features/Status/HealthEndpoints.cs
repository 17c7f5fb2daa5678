using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Status;

/// <summary>What <c>GET /health</c> answers.</summary>
/// <param name="Status"><c>ok</c> (searchable), <c>starting</c> (preparing the catalog) or <c>failed</c>.</param>
/// <param name="Provider">The execution provider the model runs on (<c>CPU</c>, <c>CUDA</c>), or null before the model is loaded.</param>
/// <param name="Reason">Why that provider: <c>configured</c>, <c>available</c>, or why CUDA was not used.</param>
/// <param name="Model">The configured model's name.</param>
/// <param name="ModelId">Its id (name and content hash), or null when its file cannot be read.</param>
/// <param name="CatalogPhase">Where the catalog's preparation stands.</param>
/// <param name="CatalogMessage">The preparation's last message.</param>
/// <param name="Index">The serving index, or null before the first one serves.</param>
/// <param name="Memory">The process's memory now: what the load verb watches for growth.</param>
/// <param name="Database">Where the data is: <c>Sqlite</c> (this process's file) or <c>PostgreSQL</c> (shared by the replicas).</param>
/// <param name="Instance">This replica's name (<c>VisualRecSys:InstanceName</c>), to tell behind a proxy which one answered.</param>
public sealed record HealthReport(string Status, string? Provider, string Reason, string Model, string? ModelId,
    CatalogPhase CatalogPhase, string CatalogMessage, ActiveIndexInfo? Index, ProcessMemory Memory, string Database, string Instance);

/// <summary>Memory of the app's process.</summary>
/// <param name="WorkingSetBytes">Resident memory (RSS): managed heap, native allocations (ONNX Runtime, Skia), mapped files in use.</param>
/// <param name="ManagedHeapBytes">Bytes the garbage collector counts as in use, without forcing a collection.</param>
public sealed record ProcessMemory(long WorkingSetBytes, long ManagedHeapBytes)
{
    public static ProcessMemory Now()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new ProcessMemory(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }
}

/// <summary><c>GET /health</c>: one JSON document for probes and the (coming) admin status page.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (CatalogStatus status, ActiveIndex index, ImageEmbedders embedders, DatabaseTarget database, AppInstance instance) =>
        {
            var report = Report(status.Current, index.Info, embedders, database, instance);

            // A failed preparation is unhealthy; starting is alive and on its way.
            return Results.Json(report, statusCode: report.Status == "failed" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).WithTags("Health");
        return app;
    }

    private static HealthReport Report(
        CatalogProgress progress, ActiveIndexInfo? index, ImageEmbedders embedders, DatabaseTarget database, AppInstance instance)
    {
        var status = progress.Phase switch
        {
            CatalogPhase.Ready => "ok",
            CatalogPhase.Failed => "failed",
            _ => "starting",
        };

        // Never load the model here: a probe must stay cheap. It is loaded when the catalog preparation starts.
        var loaded = embedders.ActiveIfLoaded;
        string? modelId;
        string name;
        try
        {
            var model = embedders.Models.Active;
            (name, modelId) = (model.Name, model.Id);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            (name, modelId) = (loaded?.Model.Name ?? "", null);
            status = "failed";
        }

        return new HealthReport(status, loaded?.Provider.Name, loaded?.Provider.Reason ?? "the model is not loaded yet", name, modelId,
            progress.Phase, progress.Message, index, ProcessMemory.Now(),
            database.Provider.ToString(), instance.Name);
    }
}
