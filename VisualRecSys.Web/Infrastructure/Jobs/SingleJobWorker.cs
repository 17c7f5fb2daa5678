using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>
/// A background worker that runs one job at a time: a start while a job runs is refused (the derived worker says why,
/// naming the running job), the job runs off the host's start path with a cancellation of its own linked to the app's,
/// and every change of its state is published to <see cref="Changed"/>. One job at a time holds across replicas too: a job
/// runs under the worker's lease in the shared database (<see cref="JobLeases"/>), renewed while it runs and released
/// when it ends, and a start while another replica holds it is refused naming that replica's job. Jobs a killed process
/// left running are marked failed (<see cref="RecoverAsync"/>) by whoever takes its lease next: at start when the lease is
/// free, or when it runs out (checked every half lease). Each derived worker has its own queue and lease: an evaluation
/// never waits for an index build, nor the other way round.
/// </summary>
/// <typeparam name="TJob">What the derived worker queues: the job's inputs, opaque outside it.</typeparam>
/// <typeparam name="TState">The immutable snapshot published to pages and the API.</typeparam>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim holds no unmanaged resource unless its AvailableWaitHandle is used, which it never is here.")]
public abstract class SingleJobWorker<TJob, TState>(
    DatabaseInitializer database, JobLeases leases, string leaseName, ILogger logger, string jobsNoun) : BackgroundService
    where TJob : class
{
    private readonly Channel<Running> _queue = Channel.CreateUnbounded<Running>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _startGate = new(1, 1);
    // Completed once jobs left running by an earlier process are failed: a job started before that would be failed too.
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Running? _running;

    /// <summary>Raised after every published change of a job's state; handlers run on the changing thread.</summary>
    public event Action<TState>? Changed;

    /// <summary>The job running (or queued to run), or null.</summary>
    protected TJob? RunningJob => Volatile.Read(ref _running)?.Job;

    /// <summary>
    /// Once recovery is done and under the start gate: refuses with <paramref name="refuse"/> while a job runs, else
    /// asks <paramref name="create"/> for a job; when it gives one, it becomes the running job, <see cref="OnStarted"/>
    /// publishes its first state, and it is queued.
    /// </summary>
    /// <param name="title">The job in a line, as another replica refused names it.</param>
    /// <param name="refuse">The answer while <c>job</c> runs.</param>
    /// <param name="refuseElsewhere">The answer while another replica holds the lease (its name and job).</param>
    /// <param name="create">The job and the answer, or no job and the answer saying why not.</param>
    /// <param name="ct">Cancels waiting for the start; not the job.</param>
    protected async Task<TStart> TryStartAsync<TStart>(
        string title,
        Func<TJob, TStart> refuse,
        Func<LeaseHolder, TStart> refuseElsewhere,
        Func<CancellationToken, Task<(TJob? Job, TStart Answer)>> create,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(refuse);
        ArgumentNullException.ThrowIfNull(refuseElsewhere);
        ArgumentNullException.ThrowIfNull(create);
        await _recovered.Task.WaitAsync(ct);
        await _startGate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _running) is { } running)
            {
                return refuse(running.Job);
            }

            var (outcome, lease, holder) = await leases.TryTakeAsync(leaseName, title, ct);
            if (lease is null)
            {
                return refuseElsewhere(holder!);
            }

            TJob? job;
            TStart answer;
            try
            {
                if (outcome == LeaseOutcome.TakenOver)
                {
                    await RecoverFromAsync(lease, ct);
                }

                (job, answer) = await create(ct);
            }
            catch
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
                throw;
            }

            if (job is null)
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
                return answer;
            }

            var started = new Running(job, new CancellationTokenSource(), lease);
            Volatile.Write(ref _running, started);
            OnStarted(job);
            _queue.Writer.TryWrite(started);
            return answer;
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Cancels the running job if <paramref name="isIt"/> says it is the one meant.</summary>
    /// <returns>Whether it was running.</returns>
    protected bool CancelRunning(Func<TJob, bool> isIt)
    {
        ArgumentNullException.ThrowIfNull(isIt);
        if (Volatile.Read(ref _running) is { } running && isIt(running.Job))
        {
            running.Cancellation.Cancel();
            return true;
        }

        return false;
    }

    /// <summary>Records <paramref name="state"/> (see <see cref="Record"/>), then raises <see cref="Changed"/>.</summary>
    protected void Publish(TState state)
    {
        Record(state);
        Changed?.Invoke(state);
    }

    /// <summary>Keeps <paramref name="state"/> where the derived worker's readers find it; runs before <see cref="Changed"/>.</summary>
    protected abstract void Record(TState state);

    /// <summary>Publishes the first state of <paramref name="job"/>; runs under the start gate, after it became the running job, before it is queued.</summary>
    protected abstract void OnStarted(TJob job);

    /// <summary>
    /// Marks failed the jobs a killed process left running, started before <paramref name="startedBefore"/>; runs under
    /// the lease, taken when it was free at start or had run out, so no live process runs any of them.
    /// </summary>
    /// <returns>How many were marked failed.</returns>
    protected abstract Task<int> RecoverAsync(DateTimeOffset startedBefore, CancellationToken ct);

    /// <summary>Does <paramref name="job"/>.</summary>
    /// <param name="ct">The job's cancellation, linked to the app stopping.</param>
    /// <returns>Its final state.</returns>
    protected abstract Task<TState> RunJobAsync(TJob job, CancellationToken ct);

    /// <summary>The final state of <paramref name="job"/> when it was cancelled, or stopped by the app stopping.</summary>
    protected abstract Task<TState> CancelledAsync(TJob job, bool appStopping);

    /// <summary>The final state of <paramref name="job"/> when it threw <paramref name="exception"/>.</summary>
    protected abstract Task<TState> FailedAsync(TJob job, Exception exception);

    /// <summary>Runs after the final state of a job is published, when no job is running.</summary>
    protected virtual void OnFinished(TState final)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start path at once.
        await Task.Yield();
        try
        {
            await database.InitializeAsync(stoppingToken);
            await RecoverIfFreeAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SingleJobWorkerLog.RecoveryFailed(logger, jobsNoun, e);
        }
        finally
        {
            _recovered.TrySetResult();
        }

        var watching = WatchForRunOutLeaseAsync(stoppingToken);
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

        await watching;
    }

    /// <summary>Recovers under the lease when it is free or has run out; a live holder's running jobs are its own.</summary>
    private async Task RecoverIfFreeAsync(CancellationToken ct)
    {
        await _startGate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _running) is not null)
            {
                return;
            }

            var (_, lease, holder) = await leases.TryTakeAsync(leaseName, $"Recovering {jobsNoun} left running", ct);
            if (lease is null)
            {
                SingleJobWorkerLog.LeaseHeld(logger, jobsNoun, holder!.Holder, holder.Title);
                return;
            }

            try
            {
                await RecoverFromAsync(lease, ct);
            }
            finally
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task RecoverFromAsync(HeldLease lease, CancellationToken ct)
    {
        var interrupted = await RecoverAsync(lease.TakenAt, ct);
        if (interrupted > 0)
        {
            SingleJobWorkerLog.Interrupted(logger, interrupted, jobsNoun);
        }
    }

    /// <summary>Every half lease: a lease whose holder stopped renewing it (killed mid-job) is taken over and its jobs failed.</summary>
    private async Task WatchForRunOutLeaseAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(leases.Duration / 2);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    if (Volatile.Read(ref _running) is null && await leases.HasRunOutAsync(leaseName, ct))
                    {
                        await RecoverIfFreeAsync(ct);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    SingleJobWorkerLog.RecoveryFailed(logger, jobsNoun, e);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RunAsync(Running running, CancellationToken stoppingToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, running.Cancellation.Token);
        using var renewing = new CancellationTokenSource();
        var renewals = RenewWhileRunningAsync(running, renewing.Token);
        TState final;
        try
        {
            final = await RunJobAsync(running.Job, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            final = await CancelledAsync(running.Job, stoppingToken.IsCancellationRequested);
        }
        catch (Exception e)
        {
            final = await FailedAsync(running.Job, e);
        }

        await renewing.CancelAsync();
        await renewals;
        try
        {
            await leases.ReleaseAsync(running.Lease, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease runs out by itself; another replica then takes it over (and finds nothing left running).
            SingleJobWorkerLog.ReleaseFailed(logger, jobsNoun, e);
        }

        // The job's CancellationTokenSource is not disposed: it has no timer or wait handle to free, and a Cancel racing
        // with the end of the job must not meet a disposed source.
        Volatile.Write(ref _running, null);
        Publish(final);
        OnFinished(final);
    }

    /// <summary>Renews the running job's lease every third of it; a lease lost (taken over after a stall) stops the job.</summary>
    private async Task RenewWhileRunningAsync(Running running, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(leases.Duration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                bool held;
                try
                {
                    held = await leases.RenewAsync(running.Lease, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is briefly unreachable: the lease has two more thirds to go; the next tick tries again.
                    SingleJobWorkerLog.RenewalFailed(logger, jobsNoun, e.Message);
                    continue;
                }

                if (!held)
                {
                    SingleJobWorkerLog.LeaseLost(logger, jobsNoun);
                    await running.Cancellation.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The job ended.
        }
    }

    private sealed record Running(TJob Job, CancellationTokenSource Cancellation, HeldLease Lease);
}

internal static partial class SingleJobWorkerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Jobs} left running by an earlier process marked failed")]
    public static partial void Interrupted(ILogger logger, int count, string jobs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not mark {Jobs} of an earlier process failed")]
    public static partial void RecoveryFailed(ILogger logger, string jobs, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The lease for {Jobs} is held by {Holder} ({Title}); what runs there is its own")]
    public static partial void LeaseHeld(ILogger logger, string jobs, string holder, string title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease for {Jobs}: {Reason}")]
    public static partial void RenewalFailed(ILogger logger, string jobs, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The lease for {Jobs} ran out and was taken over by another replica: the running job is stopped")]
    public static partial void LeaseLost(ILogger logger, string jobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the lease for {Jobs}; it runs out by itself")]
    public static partial void ReleaseFailed(ILogger logger, string jobs, Exception exception);
}
