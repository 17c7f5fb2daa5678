using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using VisualRecSys.Testing;
using VisualRecSys.Testing.PostgreSql;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>
/// Two in-process replicas, A and B, on one PostgreSQL database and one data directory, started once for a test class
/// (a class fixture) by its first test and stopped after its last. A prepares the catalog before B starts, as the first
/// replica of a deployment does; B then finds the work done.
/// </summary>
/// <remarks>
/// Started by the tests, not by xunit: a class fixture of xunit v2 cannot receive the collection's
/// <see cref="PostgreSqlServer"/>, and where that server cannot run the tests skip before asking for replicas.
/// </remarks>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "Disposed in DisposeAsync; SemaphoreSlim holds no unmanaged resource unless its AvailableWaitHandle is used, which it never is here.")]
public sealed class ReplicaPair : IAsyncLifetime
{
    public const string InstanceA = "replica-a";
    public const string InstanceB = "replica-b";

    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromMinutes(3);

    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-replicas-{Guid.NewGuid():N}");
    private readonly List<IDisposable> _owned = [];
    private PostgreSqlServer? _server;
    private Replicas? _replicas;

    /// <summary>The running pair: two hosts, an anonymous and an admin client of each, and the shared database.</summary>
    public sealed record Replicas(Replica A, Replica B, string ConnectionString);

    /// <summary>One replica: its host, an anonymous client (keeps cookies) and a client signed in as an admin.</summary>
    public sealed record Replica(string Instance, AppFactory App, HttpClient Client, HttpClient Admin);

    /// <summary>Starts the pair on a new database of <paramref name="server"/> the first time; later calls return it.</summary>
    public async Task<Replicas> StartAsync(PostgreSqlServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        await _starting.WaitAsync();
        try
        {
            if (_replicas is not null)
            {
                return _replicas;
            }

            _server = server;
            var connectionString = await server.CreateDatabaseAsync("replicas");
            var a = await StartReplicaAsync(connectionString, InstanceA, makeAdmin: true);
            var b = await StartReplicaAsync(connectionString, InstanceB, makeAdmin: false);
            return _replicas = new Replicas(a, b, connectionString);
        }
        finally
        {
            _starting.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        if (_replicas is not null)
        {
            await PostgreSqlReplicas.DropQuietlyAsync(_server!, _replicas.ConnectionString);
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A stale temp folder is harmless.
        }

        _starting.Dispose();
    }

    /// <summary>A replica on the shared root, ready (its catalog searchable) before the call returns.</summary>
    /// <param name="makeAdmin">Whether to make the test admin (once: making it again resets its password).</param>
    private async Task<Replica> StartReplicaAsync(string connectionString, string instance, bool makeAdmin)
    {
        var app = PostgreSqlReplicas.OnPostgreSql(new AppFactory(_root), connectionString, instance);
        // Builds slow enough to be caught running (50 ms a tree: 2,000 trees take 100 s), quick when small.
        app.Settings["VisualRecSys:Admin:TreeBuildDelay"] = "00:00:00.05";
        // The concurrent writers stand for many shoppers; here they share one address, which the per-client limit would throttle.
        app.Settings["VisualRecSys:RateLimits:Enabled"] = "false";
        _owned.Add(app);
        var client = app.CreateClient();
        _owned.Add(client);
        await AppFactory.WaitUntilReadyAsync(client, s_readyTimeout);
        if (makeAdmin)
        {
            await TestUsers.EnsureAsync(app.Services, AppRoles.Admin);
        }

        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        _owned.Add(admin);
        await TestUsers.SignInAsync(admin, TestUsers.EmailOf(AppRoles.Admin), TestUsers.Password);
        return new Replica(instance, app, client, admin);
    }
}
