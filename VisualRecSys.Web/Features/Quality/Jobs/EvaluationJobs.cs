using VisualRecSys.Data;
using VisualRecSys.Web.Features.Quality.Runs;
using VisualRecSys.Web.Infrastructure;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Quality.Jobs;

/// <summary>
/// Runs evaluations in the background, one at a time (a <see cref="SingleJobWorker{TJob,TState}"/> of its own, so an
/// evaluation and an admin job do not wait for each other): a request while one runs is refused with a message naming it.
/// Each run is stored as running, then completed or failed (cancelled, or the app stopping, fail it too); at start,
/// runs a killed process left running are marked failed. Pages follow <see cref="Current"/> through <see cref="Changed"/>,
/// so the progress survives leaving the page and coming back.
/// </summary>
public sealed partial class EvaluationJobs(
    EvaluationService evaluations,
    EvaluationRunStore runs,
    DatabaseInitializer database,
    JobLeases leases,
    ILogger<EvaluationJobs> logger) : SingleJobWorker<EvaluationJobs.Job, EvaluationJobState>(database, leases, LeaseName, logger, "evaluation run(s)")
{
    /// <summary>The lease every replica's evaluations share: one evaluation at a time across them.</summary>
    public const string LeaseName = "evaluations";

    private EvaluationJobState? _current;

    /// <summary>The running evaluation, or the last one of this process (completed or failed); null before the first.</summary>
    public EvaluationJobState? Current => Volatile.Read(ref _current);

    /// <summary>Stores a new run of <paramref name="request"/> and queues it, unless an evaluation is running.</summary>
    /// <param name="request">What to evaluate.</param>
    /// <param name="ct">Cancels waiting for the start; not the evaluation.</param>
    public async Task<EvaluationStart> TryStartAsync(EvaluationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await TryStartAsync(
            $"An evaluation of {request.ModelId}",
            running => EvaluationStart.Refused($"Evaluation run {running.RunId} is still running: one evaluation runs at a time. Wait for it to finish or cancel it."),
            elsewhere => EvaluationStart.Refused(
                $"{elsewhere.Title} is running on {elsewhere.Holder}: one evaluation runs at a time across the replicas. Wait for it to finish or cancel it there."),
            async startCt =>
            {
                var run = await runs.CreateAsync(request, startCt);
                return ((Job?)new Job(run.Id, request), EvaluationStart.StartedAs(run.Id));
            },
            ct);
    }

    /// <summary>Cancels run <paramref name="runId"/> if it is the one running (it is then stored as failed, "Cancelled.").</summary>
    /// <returns>Whether it was running.</returns>
    public bool Cancel(int runId) => CancelRunning(job => job.RunId == runId);

    protected override void OnStarted(Job job)
    {
        Publish(new EvaluationJobState(job.RunId, job.Request, EvaluationRunStatus.Running, 0, 0, "Loading the vectors and the catalog's splits"));
        LogStarted(logger, job.RunId, job.Request.ModelId, job.Request.K);
    }

    // Every run still marked running is another process's: this one runs none while it recovers, and no live one holds the lease.
    protected override Task<int> RecoverAsync(DateTimeOffset startedBefore, CancellationToken ct) => runs.FailInterruptedAsync(ct);

    protected override async Task<EvaluationJobState> RunJobAsync(Job job, CancellationToken ct)
    {
        var progress = new InlineProgress<EvaluationProgress>(p => Publish(new EvaluationJobState(job.RunId, job.Request, EvaluationRunStatus.Running,
            p.Done, p.Total, p.Stage == EvaluationStage.Instance ? "Embedding edited copies" : "Searching", p.Stage)));
        var outcome = await evaluations.RunAsync(job.Request, progress, ct);
        await runs.CompleteAsync(job.RunId, outcome, CancellationToken.None);
        var instance = outcome.Report.Instance is { } measured
            ? FormattableString.Invariant($", and {measured.Searches:N0} instance searches in {measured.Seconds:F1} s")
            : "";
        var final = new EvaluationJobState(job.RunId, job.Request, EvaluationRunStatus.Completed, outcome.Report.Queries, outcome.Report.Queries,
            FormattableString.Invariant($"in {outcome.Report.Seconds:F1} s{instance}"));
        LogCompleted(logger, job.RunId, outcome.Report.Queries, outcome.Report.Seconds);
        return final;
    }

    // Cancelled, or the app stopping: the run is stored as failed either way.
    protected override Task<EvaluationJobState> CancelledAsync(Job job, bool appStopping) =>
        FailAsync(job, appStopping ? EvaluationRunStore.InterruptedMessage : "Cancelled.");

    protected override Task<EvaluationJobState> FailedAsync(Job job, Exception exception)
    {
        // An unavailable evaluation (no vectors, no queries) is the data's state, not a fault: its message says what to do.
        if (exception is not EvaluationUnavailableException)
        {
            LogFailed(logger, job.RunId, exception);
        }

        return FailAsync(job, exception.Message);
    }

    protected override void Record(EvaluationJobState state) => Volatile.Write(ref _current, state);

    private async Task<EvaluationJobState> FailAsync(Job job, string message)
    {
        try
        {
            await runs.FailAsync(job.RunId, message, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The row stays running; the next start marks it failed.
            LogFailed(logger, job.RunId, e);
        }

        var last = Current;
        return new EvaluationJobState(job.RunId, job.Request, EvaluationRunStatus.Failed, last?.Done ?? 0, last?.Total ?? 0, message,
            last?.Stage ?? EvaluationStage.Category);
    }

    /// <summary>A queued evaluation: its stored run and what it evaluates. Opaque outside this worker.</summary>
    public sealed class Job
    {
        internal Job(int runId, EvaluationRequest request)
        {
            RunId = runId;
            Request = request;
        }

        internal int RunId { get; }

        internal EvaluationRequest Request { get; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation run {RunId} started: model {ModelId}, k = {K}")]
    private static partial void LogStarted(ILogger logger, int runId, string modelId, int k);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation run {RunId} completed: {Queries} queries in {Seconds:F1} s")]
    private static partial void LogCompleted(ILogger logger, int runId, int queries, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluation run {RunId} failed")]
    private static partial void LogFailed(ILogger logger, int runId, Exception exception);
}
