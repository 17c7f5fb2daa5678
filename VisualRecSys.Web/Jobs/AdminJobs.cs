using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using VisualRecSys.Data;
using VisualRecSys.Web.Catalog;
using VisualRecSys.Web.Indexing;

namespace VisualRecSys.Web.Jobs;

/// <summary>
/// The admin console's background worker, in the evaluation worker's pattern (see <c>Quality/Jobs/EvaluationJobs</c>):
/// one job at a time (index builds, imports, embedding, head training all load the same cores and files; a second
/// request is refused, naming the running job), progress held here rather than in a page (so leaving and coming back
/// finds it), cancellable, and at start the index builds a killed process left running are marked failed.
/// Jobs are kept in memory; index builds are also rows in SQLite.
/// </summary>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim holds no unmanaged resource unless its AvailableWaitHandle is used, which it never is here.")]
public sealed partial class AdminJobs(
    DatabaseInitializer database,
    SearchIndexBuilds builds,
    CatalogStatus catalog,
    TimeProvider clock,
    ILogger<AdminJobs> logger) : BackgroundService
{
    /// <summary>Finished jobs kept for <c>GET /api/admin/jobs/{id}</c> and the pages.</summary>
    private const int KeepFinished = 50;

    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly ConcurrentDictionary<int, JobState> _jobs = new();
    // Builds of this process start after this instant; older running rows belong to a process that is gone.
    private readonly DateTimeOffset _processStart = clock.GetUtcNow();
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Job? _running;
    private int _lastId;

    /// <summary>Raised after every published change of any job; handlers run on the changing thread.</summary>
    public event Action<JobState>? Changed;

    /// <summary>The running job, or null.</summary>
    public JobState? Running => Volatile.Read(ref _running)?.Context.State;

    /// <summary>The latest job of this process (running or finished), or null before the first.</summary>
    public JobState? Latest => _jobs.IsEmpty ? null : _jobs[_jobs.Keys.Max()];

    /// <summary>Job <paramref name="jobId"/> of this process, or null.</summary>
    public JobState? Get(int jobId) => _jobs.TryGetValue(jobId, out var state) ? state : null;

    /// <summary>This process's jobs, newest first.</summary>
    public IReadOnlyList<JobState> List() => [.. _jobs.Values.OrderByDescending(j => j.Id)];

    /// <summary>The running job that works on index build <paramref name="buildId"/>, or null.</summary>
    public JobState? RunningOnBuild(int buildId) => Running is { } job && job.BuildId == buildId ? job : null;

    /// <summary>Queues a job unless one is running or the catalog is still being prepared.</summary>
    /// <param name="kind">What it does (<c>build</c>, <c>import</c>, <c>embed</c>, <c>head</c>).</param>
    /// <param name="title">One line with its parameters.</param>
    /// <param name="body">The work; reports through the context; returns the line that says how it ended.</param>
    /// <param name="ct">Cancels waiting for the start; not the job.</param>
    public async Task<JobStart> TryStartAsync(string kind, string title, Func<JobContext, CancellationToken, Task<string>> body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        await _recovered.Task.WaitAsync(ct);
        await _startGate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _running) is { } running)
            {
                var state = running.Context.State;
                return JobStart.Refused($"Job {state.Id} ({state.Title}) is still running: one admin job runs at a time. Wait for it to finish or cancel it.");
            }

            if (catalog.Current.Phase is not (CatalogPhase.Ready or CatalogPhase.Failed))
            {
                return JobStart.Refused($"The catalog is still being prepared ({catalog.Current.Message}); try again when it is ready.");
            }

            var id = Interlocked.Increment(ref _lastId);
            var initial = new JobState(id, kind, title, JobStatus.Running, "Queued", 0, 0, "", null, null, "", clock.GetUtcNow(), null, null);
            var job = new Job(new JobContext(initial, Publish), body, new CancellationTokenSource());
            Volatile.Write(ref _running, job);
            Publish(initial);
            _queue.Writer.TryWrite(job);
            LogStarted(logger, id, title);
            return JobStart.StartedAs(id);
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Cancels job <paramref name="jobId"/> if it is the one running.</summary>
    /// <returns>Whether it was running.</returns>
    public bool Cancel(int jobId)
    {
        if (Volatile.Read(ref _running) is { } job && job.Context.State.Id == jobId)
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
            var interrupted = await builds.FailInterruptedAsync(_processStart, stoppingToken);
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
        var id = job.Context.State.Id;
        JobState final;
        try
        {
            // Off the worker's loop: bodies may block (a forest build is CPU work).
            var message = await Task.Run(() => job.Body(job.Context, cancellation.Token), cancellation.Token);
            final = job.Context.Finish(JobStatus.Completed, message, clock.GetUtcNow());
            LogCompleted(logger, id, message);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            final = job.Context.Finish(JobStatus.Cancelled,
                stoppingToken.IsCancellationRequested ? "Interrupted: the app stopped." : "Cancelled.", clock.GetUtcNow());
        }
        catch (Exception e)
        {
            // Bad input (unknown model, missing folder) is the request's fault, not the app's: its message says what to do.
            if (e is not (ArgumentException or InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException))
            {
                LogFailed(logger, id, e);
            }
            else
            {
                LogRefused(logger, id, e.Message);
            }

            final = job.Context.Finish(JobStatus.Failed, e.Message, clock.GetUtcNow());
        }

        // The job's CancellationTokenSource is not disposed: a Cancel racing with the end must not meet a disposed source.
        Volatile.Write(ref _running, null);
        Publish(final);
        Forget();
    }

    private void Publish(JobState state)
    {
        _jobs[state.Id] = state;
        Changed?.Invoke(state);
    }

    private void Forget()
    {
        foreach (var old in _jobs.Keys.OrderByDescending(k => k).Skip(KeepFinished))
        {
            _jobs.TryRemove(old, out _);
        }
    }

    private sealed record Job(JobContext Context, Func<JobContext, CancellationToken, Task<string>> Body, CancellationTokenSource Cancellation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin job {JobId} started: {Title}")]
    private static partial void LogStarted(ILogger logger, int jobId, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin job {JobId} completed: {Message}")]
    private static partial void LogCompleted(ILogger logger, int jobId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin job {JobId} could not be done: {Reason}")]
    private static partial void LogRefused(ILogger logger, int jobId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, int jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} index build(s) left running by an earlier process marked failed")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not mark index builds of an earlier process failed")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
