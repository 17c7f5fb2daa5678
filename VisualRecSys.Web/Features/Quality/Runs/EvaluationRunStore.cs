using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Quality.Runs;

/// <summary>Evaluation runs in SQLite: created running, then completed with their figures or failed with a reason.</summary>
public sealed class EvaluationRunStore(IDbContextFactory<VisualRecSysDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>What a run left running by a stopped process is marked with.</summary>
    public const string InterruptedMessage = "Interrupted: the app stopped while the evaluation ran.";

    /// <summary>Records a new running run of <paramref name="request"/>.</summary>
    public async Task<EvaluationRun> CreateAsync(EvaluationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new EvaluationRun
        {
            Status = EvaluationRunStatus.Running,
            ModelId = request.ModelId,
            RequestedIndexBuildId = request.IndexBuildId,
            K = request.K,
            QueryLimit = request.QueryLimit,
            InstanceEditsRequested = request.InstanceEdits,
            StartedAt = clock.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.EvaluationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>Stores <paramref name="outcome"/>'s figures in run <paramref name="runId"/> and marks it completed.</summary>
    public async Task CompleteAsync(int runId, EvaluationOutcome outcome, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.EvaluationRuns.SingleAsync(r => r.Id == runId, ct);
        StoredEvaluation.Fill(run, outcome);
        run.Status = EvaluationRunStatus.Completed;
        run.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks run <paramref name="runId"/> failed with <paramref name="error"/>.</summary>
    public async Task FailAsync(int runId, string error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.EvaluationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, EvaluationRunStatus.Failed)
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.FinishedAt, now), ct);
    }

    /// <summary>
    /// Marks every running run failed (<see cref="InterruptedMessage"/>): called at start, before this process runs any,
    /// so these are runs a killed process never finished.
    /// </summary>
    /// <returns>How many runs were marked.</returns>
    public async Task<int> FailInterruptedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.EvaluationRuns.Where(r => r.Status == EvaluationRunStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, EvaluationRunStatus.Failed)
            .SetProperty(r => r.Error, InterruptedMessage)
            .SetProperty(r => r.FinishedAt, now), ct);
    }

    /// <summary>Every run, newest first, without its categories.</summary>
    public async Task<IReadOnlyList<EvaluationRunView>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.EvaluationRuns.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(ct);
        return [.. runs.Select(EvaluationRunView.Of)];
    }

    /// <summary>Run <paramref name="runId"/> with its figures, or null when there is none.</summary>
    public async Task<StoredEvaluation?> LoadAsync(int runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.EvaluationRuns.AsNoTracking().Include(r => r.Categories).SingleOrDefaultAsync(r => r.Id == runId, ct);
        return run is null ? null : StoredEvaluation.From(run);
    }

    /// <summary>Deletes run <paramref name="runId"/> and its figures; a running run is kept.</summary>
    /// <returns>Whether a run was deleted.</returns>
    public async Task<bool> DeleteAsync(int runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EvaluationRuns.Where(r => r.Id == runId && r.Status != EvaluationRunStatus.Running).ExecuteDeleteAsync(ct) > 0;
    }
}
