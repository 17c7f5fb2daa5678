using System.Collections.Concurrent;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>
/// The admin console's background worker, one of two <see cref="SingleJobWorker{TJob,TState}"/>s (the other is
/// <c>Features/Quality/Jobs/EvaluationJobs</c>): one job at a time (index builds, imports, embedding, head training all load the
/// same cores and files; a second request is refused, naming the running job, here or on another replica), progress held
/// here rather than in a page (so leaving and coming back finds it), cancellable, and the index builds a killed process
/// left running are marked failed by the next holder of the lease. Jobs are kept in memory; index builds are also rows in
/// the database.
/// </summary>
public sealed partial class AdminJobs(
    DatabaseInitializer database,
    JobLeases leases,
    AdminJobGate gate,
    IEnumerable<IInterruptedWorkRecovery> recoveries,
    TimeProvider clock,
    ILogger<AdminJobs> logger) : SingleJobWorker<AdminJobs.Job, JobState>(database, leases, LeaseName, logger, "index build(s)")
{
    /// <summary>The lease every replica's admin jobs share: one admin job at a time across them.</summary>
    public const string LeaseName = "admin-jobs";

    /// <summary>Finished jobs kept for <c>GET /api/admin/jobs/{id}</c> and the pages.</summary>
    private const int KeepFinished = 50;

    private readonly ConcurrentDictionary<int, JobState> _jobs = new();
    private int _lastId;

    /// <summary>The running job, or null.</summary>
    public JobState? Running => RunningJob?.Context.State;

    /// <summary>The latest job of this process (running or finished), or null before the first.</summary>
    public JobState? Latest => _jobs.IsEmpty ? null : _jobs[_jobs.Keys.Max()];

    /// <summary>Job <paramref name="jobId"/> of this process, or null.</summary>
    public JobState? Get(int jobId) => _jobs.TryGetValue(jobId, out var state) ? state : null;

    /// <summary>This process's jobs, newest first.</summary>
    public IReadOnlyList<JobState> List() => [.. _jobs.Values.OrderByDescending(j => j.Id)];

    /// <summary>The running job that works on index build <paramref name="buildId"/>, or null.</summary>
    public JobState? RunningOnBuild(int buildId) => Running is { } job && job.BuildId == buildId ? job : null;

    /// <summary>Queues a job unless one is running (here or on another replica) or the gate is closed (the catalog is still being prepared).</summary>
    /// <param name="kind">What it does (<c>build</c>, <c>import</c>, <c>embed</c>, <c>head</c>).</param>
    /// <param name="title">One line with its parameters.</param>
    /// <param name="body">The work; reports through the context; returns the line that says how it ended.</param>
    /// <param name="ct">Cancels waiting for the start; not the job.</param>
    public async Task<JobStart> TryStartAsync(string kind, string title, Func<JobContext, CancellationToken, Task<string>> body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        return await TryStartAsync(
            title,
            running =>
            {
                var state = running.Context.State;
                return JobStart.Refused($"Job {state.Id} ({state.Title}) is still running: one admin job runs at a time. Wait for it to finish or cancel it.");
            },
            elsewhere => JobStart.Refused(
                $"{elsewhere.Title} is running on {elsewhere.Holder}: one admin job runs at a time across the replicas. Wait for it to finish or cancel it there."),
            _ =>
            {
                if (gate.WhyNotNow() is { } closed)
                {
                    return Task.FromResult<(Job?, JobStart)>((null, JobStart.Refused(closed)));
                }

                var id = Interlocked.Increment(ref _lastId);
                var initial = new JobState(id, kind, title, JobStatus.Running, "Queued", 0, 0, "", null, null, "", clock.GetUtcNow(), null, null);
                return Task.FromResult<(Job?, JobStart)>((new Job(new JobContext(initial, Publish), body), JobStart.StartedAs(id)));
            },
            ct);
    }

    /// <summary>Cancels job <paramref name="jobId"/> if it is the one running.</summary>
    /// <returns>Whether it was running.</returns>
    public bool Cancel(int jobId) => CancelRunning(job => job.Context.State.Id == jobId);

    protected override void OnStarted(Job job)
    {
        var initial = job.Context.State;
        Publish(initial);
        LogStarted(logger, initial.Id, initial.Title);
    }

    protected override async Task<int> RecoverAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        var failed = 0;
        foreach (var recovery in recoveries)
        {
            failed += await recovery.FailInterruptedAsync(startedBefore, ct);
        }

        return failed;
    }

    protected override async Task<JobState> RunJobAsync(Job job, CancellationToken ct)
    {
        // Off the worker's loop: bodies may block (a forest build is CPU work).
        var message = await Task.Run(() => job.Body(job.Context, ct), ct);
        var final = job.Context.Finish(JobStatus.Completed, message, clock.GetUtcNow());
        LogCompleted(logger, final.Id, message);
        return final;
    }

    protected override Task<JobState> CancelledAsync(Job job, bool appStopping) =>
        Task.FromResult(job.Context.Finish(JobStatus.Cancelled, appStopping ? "Interrupted: the app stopped." : "Cancelled.", clock.GetUtcNow()));

    protected override Task<JobState> FailedAsync(Job job, Exception exception)
    {
        var id = job.Context.State.Id;
        // Bad input (unknown model, missing folder) is the request's fault, not the app's: its message says what to do.
        if (exception is not (ArgumentException or InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException))
        {
            LogFailed(logger, id, exception);
        }
        else
        {
            LogRefused(logger, id, exception.Message);
        }

        return Task.FromResult(job.Context.Finish(JobStatus.Failed, exception.Message, clock.GetUtcNow()));
    }

    protected override void Record(JobState state) => _jobs[state.Id] = state;

    protected override void OnFinished(JobState final)
    {
        foreach (var old in _jobs.Keys.OrderByDescending(k => k).Skip(KeepFinished))
        {
            _jobs.TryRemove(old, out _);
        }
    }

    /// <summary>A queued admin job: its context and its work. Opaque outside this worker.</summary>
    public sealed class Job
    {
        internal Job(JobContext context, Func<JobContext, CancellationToken, Task<string>> body)
        {
            Context = context;
            Body = body;
        }

        internal JobContext Context { get; }

        internal Func<JobContext, CancellationToken, Task<string>> Body { get; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin job {JobId} started: {Title}")]
    private static partial void LogStarted(ILogger logger, int jobId, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin job {JobId} completed: {Message}")]
    private static partial void LogCompleted(ILogger logger, int jobId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin job {JobId} could not be done: {Reason}")]
    private static partial void LogRefused(ILogger logger, int jobId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, int jobId, Exception exception);
}
