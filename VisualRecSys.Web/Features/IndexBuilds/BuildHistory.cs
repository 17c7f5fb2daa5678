using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// The builds' rows in SQLite: one per build, kept as history after its file is gone, at most one flagged active. Only
/// rows change here; the files are <see cref="BuildFiles"/>', and switching what serves is <see cref="BuildActivation"/>'s.
/// </summary>
public sealed class BuildHistory(IDbContextFactory<VisualRecSysDbContext> dbFactory)
{
    /// <summary>The error stored on a build cut short by the app stopping or being killed.</summary>
    public const string InterruptedMessage = "Interrupted: the app stopped or was killed during the build.";

    /// <summary>How the error of a build whose asked-for activation was given up begins.</summary>
    public const string NotActivatedMessage = "Not activated as asked:";

    /// <summary>Every build, newest first, for the admin console's history.</summary>
    public async Task<IReadOnlyList<BuildView>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var builds = await db.IndexBuilds.AsNoTracking().OrderByDescending(b => b.Id).ToListAsync(ct);
        return [.. builds.Select(BuildView.Of)];
    }

    /// <summary>Build <paramref name="buildId"/>, or null.</summary>
    public async Task<IndexBuild?> FindAsync(int buildId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IndexBuilds.AsNoTracking().SingleOrDefaultAsync(b => b.Id == buildId, ct);
    }

    /// <summary>The build flagged active (whatever its state), or null.</summary>
    public async Task<IndexBuild?> FindActiveAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IndexBuilds.AsNoTracking().SingleOrDefaultAsync(b => b.IsActive, ct);
    }

    /// <summary>Build <paramref name="buildId"/> (or the active build when null) when it is ready with its file; else null.</summary>
    public async Task<IndexBuild?> FindReadyAsync(int? buildId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IndexBuilds.AsNoTracking()
            .Where(b => b.Status == IndexBuildStatus.Ready && b.FilePath != null && (buildId == null ? b.IsActive : b.Id == buildId))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Where a rollback would go (<see cref="FindPreviousAsync"/>) as the builds page shows it; null when nowhere.</summary>
    public async Task<BuildView?> FindRollBackTargetAsync(CancellationToken ct) =>
        await FindPreviousAsync(ct) is { } previous ? BuildView.Of(previous) : null;

    /// <summary>
    /// The ready build (its file present) activated most recently before the active one: where a rollback goes. Null when
    /// no other build was ever active.
    /// </summary>
    public async Task<IndexBuild?> FindPreviousAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.IndexBuilds.AsNoTracking()
            .Where(b => !b.IsActive && b.Status == IndexBuildStatus.Ready && b.FilePath != null && b.ActivatedAt != null)
            .ToListAsync(ct);
        // SQLite cannot order by a converted DateTimeOffset on the server; the list is short.
        return candidates.OrderByDescending(b => b.ActivatedAt).ThenByDescending(b => b.Id).FirstOrDefault();
    }

    /// <summary>
    /// Where serving falls back to when build <paramref name="damagedId"/> (the active one) cannot serve: the ready forests
    /// of <paramref name="modelId"/> with their files, first those that served before, most recently activated first (the
    /// last good build that served), then the never-activated ones older than it, newest first.
    /// </summary>
    public async Task<List<IndexBuild>> FindFallbacksAsync(string modelId, int damagedId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ready = await db.IndexBuilds.AsNoTracking()
            .Where(b => b.Status == IndexBuildStatus.Ready && b.FilePath != null && b.Kind == IndexBuildKind.Forest && b.ModelId == modelId && b.Id != damagedId)
            .ToListAsync(ct);
        // SQLite cannot order by a converted DateTimeOffset on the server; the list is short.
        var served = ready.Where(b => b.ActivatedAt != null).OrderByDescending(b => b.ActivatedAt).ThenByDescending(b => b.Id);
        var older = ready.Where(b => b.ActivatedAt == null && b.Id < damagedId).OrderByDescending(b => b.Id);
        return [.. served, .. older];
    }

    /// <summary>
    /// Ready builds with an activation asked for that a process started before <paramref name="startedBefore"/> never
    /// finished (it was killed or stopped between the build and its activation), oldest request first.
    /// </summary>
    public async Task<List<IndexBuild>> FindInterruptedActivationsAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await db.IndexBuilds.AsNoTracking()
            .Where(b => b.ActivationRequestedAt != null && b.Status == IndexBuildStatus.Ready)
            .ToListAsync(ct);
        return [.. pending.Where(b => b.StartedAt < startedBefore).OrderBy(b => b.ActivationRequestedAt).ThenBy(b => b.Id)];
    }

    /// <summary>
    /// Gives up the activation asked for with build <paramref name="buildId"/>: the request is cleared and the build's
    /// error says it was not done and why, for the builds page and API.
    /// </summary>
    public async Task DropActivationRequestAsync(int buildId, string why, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IndexBuilds.Where(b => b.Id == buildId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.ActivationRequestedAt, (DateTimeOffset?)null)
            .SetProperty(b => b.Error, $"{NotActivatedMessage} {why}"), ct);
    }

    /// <summary>Adds the row of a build about to run; its id is set on <paramref name="build"/>.</summary>
    public async Task AddAsync(IndexBuild build, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IndexBuilds.Add(build);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stores <paramref name="build"/>'s row as it stands now (finished, failed).</summary>
    public async Task UpdateAsync(IndexBuild build)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.IndexBuilds.Update(build);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// Flags build <paramref name="buildId"/>'s row as the active one (and no other). Only the row: what serves is switched
    /// by <see cref="BuildActivation.ActivateAsync"/>, which checks the build can serve and then calls this.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such build, or it is not ready.</exception>
    public async Task MarkActiveAsync(int buildId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var build = await db.IndexBuilds.SingleOrDefaultAsync(b => b.Id == buildId, ct)
            ?? throw new InvalidOperationException($"There is no index build {buildId}.");
        if (build.Status != IndexBuildStatus.Ready)
        {
            throw new InvalidOperationException($"Index build {buildId} is {build.Status.ToLowerName()}; only a ready build can be activated.");
        }

        await db.IndexBuilds.Where(b => b.IsActive && b.Id != buildId).ExecuteUpdateAsync(s => s.SetProperty(b => b.IsActive, false), ct);
        build.IsActive = true;
        build.ActivatedAt = DateTimeOffset.UtcNow;
        build.ActivationRequestedAt = null;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Stores the recall@10 measured on build <paramref name="buildId"/>.</summary>
    public async Task SetRecallAsync(int buildId, double recallAt10, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IndexBuilds.Where(b => b.Id == buildId).ExecuteUpdateAsync(s => s.SetProperty(b => b.RecallAt10, recallAt10), ct);
    }

    /// <summary>A build whose file is damaged is failed for good: it is never chosen again, and the quality console says why.</summary>
    public async Task MarkDamagedAsync(int buildId, string reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IndexBuilds.Where(b => b.Id == buildId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, IndexBuildStatus.Failed)
            .SetProperty(b => b.IsActive, false)
            .SetProperty(b => b.Error, $"The index file is damaged: {reason}"), ct);
    }

    /// <summary>
    /// As <see cref="MarkDamagedAsync"/>, for a build whose damaged file was moved to the quarantine as
    /// <paramref name="quarantinedAs"/> (<see cref="IndexQuarantine.MoveAsync"/>): the row no longer names a file, its file
    /// counts as deleted, and the error says where it went.
    /// </summary>
    public async Task MarkQuarantinedAsync(int buildId, string reason, string quarantinedAs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var at = DateTimeOffset.UtcNow;
        await db.IndexBuilds.Where(b => b.Id == buildId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, IndexBuildStatus.Failed)
            .SetProperty(b => b.IsActive, false)
            .SetProperty(b => b.FilePath, (string?)null)
            .SetProperty(b => b.FileDeletedAt, at)
            .SetProperty(b => b.Error, $"The index file is damaged: {reason}; quarantined as {quarantinedAs}"), ct);
    }

    /// <summary>
    /// Marks builds a killed process left running as failed (<see cref="InterruptedMessage"/>), only those started before
    /// <paramref name="startedBefore"/>, this process's start, so a build of this process is never touched.
    /// </summary>
    /// <returns>How many builds were marked.</returns>
    public async Task<int> FailRunningAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var running = (await db.IndexBuilds.Where(b => b.Status == IndexBuildStatus.Running).ToListAsync(ct))
            .Where(b => b.StartedAt < startedBefore).ToList();
        foreach (var build in running)
        {
            build.Status = IndexBuildStatus.Failed;
            build.Error = build.ActivationRequestedAt is null ? InterruptedMessage : $"{InterruptedMessage} {NotActivatedMessage} the build did not finish.";
            build.ActivationRequestedAt = null;
            build.FinishedAt = DateTimeOffset.UtcNow;
        }

        await db.SaveChangesAsync(ct);
        return running.Count;
    }
}
