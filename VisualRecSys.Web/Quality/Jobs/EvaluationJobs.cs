using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using VisualRecSys.Data;
using VisualRecSys.Web.Catalog;
using VisualRecSys.Web.Quality.Runs;

namespace VisualRecSys.Web.Quality.Jobs;

/// <summary>
/// Runs evaluations in the background, one at a time: a request while one runs is refused with a message naming it.
/// Each run is stored as running, then completed or failed (cancelled, or the app stopping, fail it too); at start,
/// runs a killed process left running are marked failed. Pages follow <see cref="Current"/> through <see cref="Changed"/>,
/// so the progress survives leaving the page and coming back.
/// </summary>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim holds no unmanaged resource unless its AvailableWaitHandle is used, which it never is here.")]
public sealed partial class EvaluationJobs(
    EvaluationService evaluations,
    EvaluationRunStore runs,
    DatabaseInitializer database,
    ILogger<EvaluationJobs> logger) : BackgroundService
{
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _startGate = new(1, 1);
    // Completed once runs left running by an earlier process are failed: a run started before that would be failed too.
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Job? _job;
    private EvaluationJobState? _current;

    /// <summary>Raised after every change of <see cref="Current"/>; handlers run on the changing thread.</summary>
    public event Action<EvaluationJobState>? Changed;

    /// <summary>The running evaluation, or the last one of this process (completed or failed); null before the first.</summary>
    public EvaluationJobState? Current => Volatile.Read(ref _current);

    /// <summary>Stores a new run of <paramref name="request"/> and queues it, unless an evaluation is running.</summary>
    /// <param name="request">What to evaluate.</param>
    /// <param name="ct">Cancels waiting for the start; not the evaluation.</param>
    public async Task<EvaluationStart> TryStartAsync(EvaluationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _recovered.Task.WaitAsync(ct);
        await _startGate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _job) is { } running)
            {
                return EvaluationStart.Refused($"Evaluation run {running.RunId} is still running: one evaluation runs at a time. Wait for it to finish or cancel it.");
            }

            var run = await runs.CreateAsync(request, ct);
            var job = new Job(run.Id, request, new CancellationTokenSource());
            Volatile.Write(ref _job, job);
            Publish(new EvaluationJobState(run.Id, request, EvaluationRunStatus.Running, 0, 0, "Loading the vectors and the catalog's splits"));
            _queue.Writer.TryWrite(job);
            LogStarted(logger, run.Id, request.ModelId, request.K);
            return EvaluationStart.StartedAs(run.Id);
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Cancels run <paramref name="runId"/> if it is the one running (it is then stored as failed, "Cancelled.").</summary>
    /// <returns>Whether it was running.</returns>
    public bool Cancel(int runId)
    {
        if (Volatile.Read(ref _job) is { } job && job.RunId == runId)
        {
            job.Cancellation.Cancel();
            return true;
        }

        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start path at once.
        await Task.Yield();
        try
        {
            await database.InitializeAsync(stoppingToken);
            var interrupted = await runs.FailInterruptedAsync(stoppingToken);
            if (interrupted > 0)
            {
                LogInterrupted(logger, interrupted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecoveryFailed(logger, e);
        }
        finally
        {
            _recovered.TrySetResult();
        }

        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down with nothing running.
        }
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.Cancellation.Token);
        var progress = new InlineProgress<EvaluationProgress>(p =>
            Publish(new EvaluationJobState(job.RunId, job.Request, EvaluationRunStatus.Running, p.Done, p.Total, "Searching")));
        EvaluationJobState final;
        try
        {
            var outcome = await evaluations.RunAsync(job.Request, progress, cancellation.Token);
            await runs.CompleteAsync(job.RunId, outcome, CancellationToken.None);
            final = new EvaluationJobState(job.RunId, job.Request, EvaluationRunStatus.Completed, outcome.Report.Queries, outcome.Report.Queries,
                FormattableString.Invariant($"in {outcome.Report.Seconds:F1} s"));
            LogCompleted(logger, job.RunId, outcome.Report.Queries, outcome.Report.Seconds);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var message = stoppingToken.IsCancellationRequested ? EvaluationRunStore.InterruptedMessage : "Cancelled.";
            final = await FailAsync(job, message);
        }
        catch (Exception e)
        {
            // An unavailable evaluation (no vectors, no queries) is the data's state, not a fault: its message says what to do.
            if (e is not EvaluationUnavailableException)
            {
                LogFailed(logger, job.RunId, e);
            }

            final = await FailAsync(job, e.Message);
        }

        // The job's CancellationTokenSource is not disposed: it has no timer or wait handle to free, and a Cancel racing
        // with the end of the run must not meet a disposed source.
        Volatile.Write(ref _job, null);
        Publish(final);
    }

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
        return new EvaluationJobState(job.RunId, job.Request, EvaluationRunStatus.Failed, last?.Done ?? 0, last?.Total ?? 0, message);
    }

    private void Publish(EvaluationJobState state)
    {
        Volatile.Write(ref _current, state);
        Changed?.Invoke(state);
    }

    private sealed record Job(int RunId, EvaluationRequest Request, CancellationTokenSource Cancellation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation run {RunId} started: model {ModelId}, k = {K}")]
    private static partial void LogStarted(ILogger logger, int runId, string modelId, int k);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation run {RunId} completed: {Queries} queries in {Seconds:F1} s")]
    private static partial void LogCompleted(ILogger logger, int runId, int queries, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluation run {RunId} failed")]
    private static partial void LogFailed(ILogger logger, int runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} evaluation run(s) left running by an earlier process marked failed")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not mark evaluation runs of an earlier process failed")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
