using Npgsql;
using VisualRecSys.Testing;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>What makes an app a replica on a shared PostgreSQL database, for in-process hosts and child processes alike.</summary>
internal static class PostgreSqlReplicas
{
    /// <summary>
    /// The settings that put an app on <paramref name="connectionString"/>'s database as <paramref name="instance"/>. Each
    /// replica's connection string names it as the application: in-process replicas then keep separate Npgsql pools (and
    /// show apart in <c>pg_stat_activity</c>), as separate processes would.
    /// </summary>
    public static Dictionary<string, string> Settings(string connectionString, string instance) => new()
    {
        ["VisualRecSys:Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:VisualRecSys"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = instance }.ConnectionString,
        ["VisualRecSys:InstanceName"] = instance,
    };

    /// <summary><paramref name="factory"/> made a replica (see <see cref="Settings"/>); set before it starts.</summary>
    public static AppFactory OnPostgreSql(AppFactory factory, string connectionString, string instance)
    {
        ArgumentNullException.ThrowIfNull(factory);
        foreach (var (key, value) in Settings(connectionString, instance))
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    /// <summary>
    /// Drops the database of <paramref name="connectionString"/>; a server that is gone is no error here: in a <c>finally</c>
    /// its exception would replace the test's own failure, which says more.
    /// </summary>
    public static async Task DropQuietlyAsync(PostgreSqlServer server, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(server);
        try
        {
            await server.DropDatabaseAsync(connectionString);
        }
        catch (NpgsqlException)
        {
            // Unreachable server: nothing to drop that outlives the test run's cluster.
        }
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, as 64-bit integers.</summary>
    public static async Task<List<long>> QueryAsync(string connectionString, string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }
}
