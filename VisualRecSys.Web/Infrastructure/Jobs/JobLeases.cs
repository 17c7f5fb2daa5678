using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>How a try to take a lease ended.</summary>
public enum LeaseOutcome
{
    /// <summary>It was free: taken.</summary>
    Taken,

    /// <summary>Its holder stopped renewing it (killed, or cut off from the database): taken over; its work was cut short.</summary>
    TakenOver,

    /// <summary>Another holder renews it: not taken.</summary>
    Held,
}

/// <summary>A lease this process holds; <see cref="JobLeases.ReleaseAsync"/> gives it back.</summary>
/// <param name="Name">The kind of job it is for.</param>
/// <param name="Token">This holding's token: renewals and the release match it, so a lease taken over is never given back by its old holder.</param>
/// <param name="TakenAt">When it was taken: work of an earlier holder started before this.</param>
public sealed record HeldLease(string Name, string Token, DateTimeOffset TakenAt);

/// <summary>Who holds a lease this process could not take.</summary>
/// <param name="Holder">The replica's instance name.</param>
/// <param name="Title">What it runs.</param>
public sealed record LeaseHolder(string Holder, string Title);

/// <summary>
/// One row per kind of background job in the shared database (<see cref="JobLease"/>), so that one job of a kind runs at a
/// time across every replica: taken with a conditional UPDATE (only when free, or run out), renewed while the job runs,
/// released when it ends. Both providers run the same statements; SQLite serializes the writers, PostgreSQL's row lock does.
/// </summary>
public sealed class JobLeases(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    AppInstance instance,
    TimeProvider clock,
    IOptions<JobLeaseOptions> options)
{
    // Lease rows this process has seen exist: they are never deleted, so each is looked for once, not at every take.
    private readonly ConcurrentDictionary<string, bool> _rowsKnown = new(StringComparer.Ordinal);

    /// <summary>How long a lease lasts unless renewed.</summary>
    public TimeSpan Duration => options.Value.Lease;

    /// <summary>Takes lease <paramref name="name"/> for work titled <paramref name="title"/> when it is free or has run out.</summary>
    /// <returns>The outcome; the lease when taken, else who holds it.</returns>
    public async Task<(LeaseOutcome Outcome, HeldLease? Lease, LeaseHolder? Holder)> TryTakeAsync(string name, string title, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!_rowsKnown.ContainsKey(name))
        {
            await EnsureRowAsync(db, name, ct);
            _rowsKnown[name] = true;
        }

        var now = clock.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var free = await TakeAsync(db.JobLeases.Where(l => l.Name == name && l.Holder == null), token, title, now, ct);
        if (free)
        {
            return (LeaseOutcome.Taken, new HeldLease(name, token, now), null);
        }

        var runOut = await TakeAsync(db.JobLeases.Where(l => l.Name == name && l.Holder != null && l.ExpiresAt < now), token, title, now, ct);
        if (runOut)
        {
            return (LeaseOutcome.TakenOver, new HeldLease(name, token, now), null);
        }

        var row = await db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == name, ct);
        return (LeaseOutcome.Held, null, new LeaseHolder(row.Holder ?? "another replica", row.Title ?? "a job"));
    }

    /// <summary>Extends <paramref name="lease"/> by <see cref="Duration"/> from now.</summary>
    /// <returns>False when it is no longer this process's (it ran out and was taken over): the work must stop.</returns>
    public async Task<bool> RenewAsync(HeldLease lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = clock.GetUtcNow() + Duration;
        return await db.JobLeases.Where(l => l.Name == lease.Name && l.Token == lease.Token)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    /// <summary>Gives <paramref name="lease"/> back (nothing when it was taken over meanwhile).</summary>
    public async Task ReleaseAsync(HeldLease lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.JobLeases.Where(l => l.Name == lease.Name && l.Token == lease.Token).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Holder, (string?)null)
            .SetProperty(l => l.Token, (string?)null)
            .SetProperty(l => l.Title, (string?)null)
            .SetProperty(l => l.AcquiredAt, (DateTimeOffset?)null)
            .SetProperty(l => l.ExpiresAt, (DateTimeOffset?)null), ct);
    }

    /// <summary>Whether lease <paramref name="name"/> is held by a holder that stopped renewing it.</summary>
    public async Task<bool> HasRunOutAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.JobLeases.AnyAsync(l => l.Name == name && l.Holder != null && l.ExpiresAt < now, ct);
    }

    private async Task<bool> TakeAsync(IQueryable<JobLease> rows, string token, string title, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + Duration;
        var holder = instance.Name;
        return await rows.ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Holder, holder)
            .SetProperty(l => l.Token, token)
            .SetProperty(l => l.Title, title)
            .SetProperty(l => l.AcquiredAt, now)
            .SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    /// <summary>The lease's row, made free the first time it is asked for (a second process making it at once is no error).</summary>
    private static async Task EnsureRowAsync(VisualRecSysDbContext db, string name, CancellationToken ct)
    {
        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            return;
        }

        db.JobLeases.Add(new JobLease { Name = name });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == name, ct))
            {
                throw; // not another process making it first: a real failure
            }
        }

        db.ChangeTracker.Clear();
    }
}
