using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>
/// Issue 15's replicas: two in-process apps, A and B, on one PostgreSQL database and one shared data directory (one
/// <see cref="ReplicaPair"/> for the class: the catalog is prepared once). Feedback in <c>ReplicaTests.Feedback.cs</c>,
/// admin jobs and the served build in <c>ReplicaTests.IndexBuilds.cs</c>; a replica killed mid-build in
/// <see cref="ReplicaFailoverTests"/>. A user signed in on one replica is signed in on the other: see
/// <see cref="PostgreSqlHostTests.Two_apps_on_one_PostgreSQL_database_accept_each_others_sign_in_cookie_and_forms"/>.
/// </summary>
/// <remarks>The tests share the pair but not their data: each writes its own sessions and counts its own rows and builds.</remarks>
[Collection(PostgreSqlTestGroup.Name)]
public sealed partial class ReplicaTests(PostgreSqlServer server, ReplicaPair pair) : IClassFixture<ReplicaPair>
{
    /// <summary>Every test's bound, the first's including the pair's start (a catalog prepared on 2 cores in well under a minute).</summary>
    private const int TestTimeout = 4 * 60 * 1000;

    private async Task<ReplicaPair.Replicas> ReplicasAsync()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return await pair.StartAsync(server);
    }

    /// <summary>The catalog's product ids, ascending.</summary>
    private static async Task<List<int>> ProductIdsAsync(string connectionString) =>
        [.. (await PostgreSqlReplicas.QueryAsync(connectionString, "SELECT \"Id\"::bigint FROM \"Products\" ORDER BY \"Id\"")).Select(id => (int)id)];

    /// <summary>A new anonymous session id, as <c>vrs-session</c> carries it.</summary>
    private static string NewSession() => Guid.NewGuid().ToString("N");
}
