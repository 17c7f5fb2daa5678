using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Hosting;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Status;

/// <summary>What <c>GET /api/admin/status</c> answers and the status page shows.</summary>
/// <param name="ExecutionProvider">Where the model runs (<c>CPU</c>, <c>CUDA</c>), or null before it is loaded.</param>
/// <param name="ProviderReason">Why that provider.</param>
/// <param name="ConfiguredBackbone">The id of <c>VisualRecSys:Embedding:Model</c>.</param>
/// <param name="ServedModel">The model the app searches with (a head when the active build holds one).</param>
/// <param name="Heads">Trained heads in the data directory, newest first.</param>
/// <param name="ActiveIndex">The serving index, or null.</param>
/// <param name="Products">Products in the catalog.</param>
/// <param name="CatalogPhase">Where the catalog's preparation stands.</param>
/// <param name="CatalogMessage">Its last message.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="ManagedHeapBytes">Bytes on the .NET heap.</param>
/// <param name="DataDirectory">The data directory.</param>
/// <param name="DataDirectoryBytes">Bytes its files take.</param>
/// <param name="FreeDiskBytes">Free bytes on its disk, when known.</param>
/// <param name="Quarantine">Damaged index files kept in <c>indexes/quarantine/</c>.</param>
/// <param name="Latency">Similar-items query latency over the recent minutes.</param>
/// <param name="RunningJob">The admin job running, or null.</param>
/// <param name="RecentProblems">The latest warnings and errors, newest first.</param>
/// <param name="At">When this was measured.</param>
public sealed record SystemStatusReport(
    string? ExecutionProvider,
    string ProviderReason,
    string ConfiguredBackbone,
    string ServedModel,
    IReadOnlyList<string> Heads,
    ActiveIndexInfo? ActiveIndex,
    int Products,
    CatalogPhase CatalogPhase,
    string CatalogMessage,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    string DataDirectory,
    long DataDirectoryBytes,
    long? FreeDiskBytes,
    QuarantineSummary Quarantine,
    LatencySummary Latency,
    JobState? RunningJob,
    IReadOnlyList<LogEntry> RecentProblems,
    DateTimeOffset At);

/// <summary>Gathers the system status from the services that know each part.</summary>
public sealed class SystemStatus(
    ImageEmbedders embedders,
    ServedModel servedModel,
    HeadLibrary heads,
    ActiveIndex activeIndex,
    CatalogStatus catalog,
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    DataPaths paths,
    QueryLatency latency,
    RecentLogs logs,
    AdminJobs jobs,
    IndexQuarantine quarantine,
    TimeProvider clock)
{
    public async Task<SystemStatusReport> MeasureAsync(CancellationToken ct)
    {
        int products;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            products = await db.Products.CountAsync(ct);
        }

        // Never load the model for a status read (as /health): before the catalog's preparation loads it, say so.
        var loaded = embedders.ActiveIfLoaded;
        string configured;
        try
        {
            configured = embedders.Models.Active.Id;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            configured = $"(unreadable: {e.Message})";
        }

        using var process = Process.GetCurrentProcess();
        return new SystemStatusReport(
            loaded?.Provider.Name,
            loaded?.Provider.Reason ?? "the model is not loaded yet",
            configured,
            servedModel.ChosenModelId ?? configured,
            heads.List(),
            activeIndex.Info,
            products,
            catalog.Current.Phase,
            catalog.Current.Message,
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            paths.Root,
            DirectoryBytes(paths.Root),
            FreeBytes(paths.Root),
            quarantine.Summarize(),
            latency.Summarize(),
            jobs.Running,
            logs.Snapshot().Take(20).ToList(),
            clock.GetUtcNow());
    }

    private static long DirectoryBytes(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return new DirectoryInfo(root).EnumerateFiles("*", options).Sum(f => f.Length);
    }

    private static long? FreeBytes(string root)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(root)).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
