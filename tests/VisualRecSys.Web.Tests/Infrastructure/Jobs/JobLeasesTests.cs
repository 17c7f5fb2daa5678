using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;
using VisualRecSys.Testing.PostgreSql;
using VisualRecSys.Web.Infrastructure.Hosting;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Tests.Infrastructure.Jobs;

/// <summary>The job lease two replicas contend for, on a real SQLite file and on the test run's PostgreSQL server.</summary>
[Collection(PostgreSqlTestGroup.Name)]
public sealed class JobLeasesTests(PostgreSqlServer server) : IAsyncLifetime
{
    private const string Lease = "admin-jobs";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"vrs-leases-{Guid.NewGuid():N}");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];
    private string? _postgres;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task One_replica_holds_it_the_other_is_refused_with_its_name_and_job_until_it_is_released(DatabaseProvider provider)
    {
        var (a, b) = await TwoReplicasAsync(provider);

        var (outcome, lease, _) = await a.TryTakeAsync(Lease, "Index build (10 trees)", default);
        Assert.Equal(LeaseOutcome.Taken, outcome);
        var refused = await b.TryTakeAsync(Lease, "Import", default);
        Assert.Equal(LeaseOutcome.Held, refused.Outcome);
        Assert.Null(refused.Lease);
        Assert.Equal(new LeaseHolder("replica-a", "Index build (10 trees)"), refused.Holder);
        // Another kind of job has a lease of its own.
        Assert.Equal(LeaseOutcome.Taken, (await b.TryTakeAsync("evaluations", "An evaluation", default)).Outcome);

        await a.ReleaseAsync(lease!, default);
        Assert.Equal(LeaseOutcome.Taken, (await b.TryTakeAsync(Lease, "Import", default)).Outcome);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_renewed_lease_stays_a_lease_not_renewed_runs_out_and_is_taken_over_and_its_old_holder_cannot_renew_or_release_it(DatabaseProvider provider)
    {
        var (a, b) = await TwoReplicasAsync(provider);
        var held = (await a.TryTakeAsync(Lease, "Index build", default)).Lease!;

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await a.RenewAsync(held, default));
        _clock.Advance(TimeSpan.FromSeconds(10)); // 20 s after taking it, 10 s after the renewal: still held
        Assert.Equal(LeaseOutcome.Held, (await b.TryTakeAsync(Lease, "Import", default)).Outcome);
        Assert.False(await b.HasRunOutAsync(Lease, default));

        _clock.Advance(TimeSpan.FromSeconds(6)); // 16 s without a renewal: run out
        Assert.True(await b.HasRunOutAsync(Lease, default));
        var (outcome, takenOver, _) = await b.TryTakeAsync(Lease, "Import", default);
        Assert.Equal(LeaseOutcome.TakenOver, outcome);
        Assert.Equal(_clock.GetUtcNow(), takenOver!.TakenAt);

        // The old holder, come back, finds it gone and gives nothing back.
        Assert.False(await a.RenewAsync(held, default));
        await a.ReleaseAsync(held, default);
        Assert.Equal(new LeaseHolder("replica-b", "Import"), (await a.TryTakeAsync(Lease, "Index build", default)).Holder);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Replicas_racing_for_a_free_lease_never_both_get_it(DatabaseProvider provider)
    {
        var replicas = new List<JobLeases>();
        var target = await TargetAsync(provider);
        for (var i = 0; i < 8; i++)
        {
            replicas.Add(Leases(target, $"replica-{i}"));
        }

        for (var round = 0; round < 5; round++)
        {
            var tries = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.TryTakeAsync($"race-{round}", "job", default))));
            Assert.Single(tries, t => t.Lease is not null);
        }
    }

    private async Task<(JobLeases A, JobLeases B)> TwoReplicasAsync(DatabaseProvider provider)
    {
        var target = await TargetAsync(provider);
        return (Leases(target, "replica-a"), Leases(target, "replica-b"));
    }

    private async Task<DatabaseTarget> TargetAsync(DatabaseProvider provider)
    {
        DatabaseTarget target;
        if (provider == DatabaseProvider.Sqlite)
        {
            target = DatabaseTarget.SqliteFile(Path.Combine(_folder, "visualrecsys.db"));
        }
        else
        {
            Skip.If(server.SkipReason is not null, server.SkipReason);
            _postgres ??= await server.CreateDatabaseAsync("leases");
            target = DatabaseTarget.PostgreSql(_postgres);
        }

        var services = new ServiceCollection().AddVisualRecSysData(_ => target).BuildServiceProvider();
        _providers.Add(services);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        return target;
    }

    /// <summary>A replica's lease service: its own data services on the shared database, its own name, the test's clock.</summary>
    private JobLeases Leases(DatabaseTarget target, string instance)
    {
        var services = new ServiceCollection().AddVisualRecSysData(_ => target).BuildServiceProvider();
        _providers.Add(services);
        return new JobLeases(services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>(), new AppInstance(instance), _clock,
            Options.Create(new JobLeaseOptions { Lease = TimeSpan.FromSeconds(15) }));
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var services in _providers)
        {
            await services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await server.DropDatabaseAsync(_postgres);
        }

        Directory.Delete(_folder, recursive: true);
    }
}
