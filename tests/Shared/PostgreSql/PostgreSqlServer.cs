using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace VisualRecSys.Testing.PostgreSql;

/// <summary>
/// A private PostgreSQL cluster for one test assembly: initialised in a temp folder, started on a free port, stopped and
/// deleted on dispose. Tests get a fresh database each (<see cref="CreateDatabaseAsync"/>). When no server can be started
/// here (no binaries, or root without a <c>postgres</c> user), <see cref="SkipReason"/> says why and the tests skip.
/// </summary>
/// <remarks>
/// Shared through <see cref="PostgreSqlTestGroup"/>: xunit v2 has no assembly fixtures, and a collection fixture is
/// started once and disposed when its tests are done. The cluster trades durability for speed (no fsync): it lives
/// for one test run.
/// </remarks>
public sealed class PostgreSqlServer : IDisposable
{
    /// <summary>Where Debian installs the server binaries (<c>postgresql-15</c> and later).</summary>
    private const string DebianInstallRoot = "/usr/lib/postgresql";

    /// <summary>Names another folder holding <c>initdb</c> and <c>pg_ctl</c> (or a missing one, to see the tests skip).</summary>
    private const string BinariesVariable = "VISUALRECSYS_TEST_POSTGRESQL_BIN";

    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _binaries;
    private readonly string? _root;
    private readonly bool _asRoot;
    private int _databases;

    public PostgreSqlServer()
    {
        var configured = Environment.GetEnvironmentVariable(BinariesVariable);
        _binaries = string.IsNullOrEmpty(configured) ? FindBinaries() : configured;
        if (_binaries is null || !File.Exists(Path.Combine(_binaries, "pg_ctl")) || !File.Exists(Path.Combine(_binaries, "initdb")))
        {
            SkipReason = string.IsNullOrEmpty(configured)
                ? $"PostgreSQL tests skipped: no server binaries under {DebianInstallRoot}/<version>/bin (apt-get install postgresql)."
                : $"PostgreSQL tests skipped: {BinariesVariable} is '{configured}', which holds no initdb and pg_ctl.";
            return;
        }

        var asRoot = _asRoot = Environment.UserName == "root";
        if (asRoot && !UserExists("postgres"))
        {
            SkipReason = "PostgreSQL tests skipped: running as root, which initdb refuses, and there is no 'postgres' user to run it as.";
            return;
        }

        // Short: the socket path inside it must stay under 107 bytes.
        _root = Path.Combine(Path.GetTempPath(), "vrs-pg-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Start(asRoot);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Why the PostgreSQL tests skip here, or <see langword="null"/> when the server runs.</summary>
    public string? SkipReason { get; }

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"t{Interlocked.Increment(ref _databases)}_{Sanitize(purpose)}");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing what still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        if (_root is null || !Directory.Exists(_root))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (Port != 0)
        {
            // Immediate: nothing in a test cluster needs a clean shutdown. As the server's user: pg_ctl refuses root.
            string[] stop = [PgTool("pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop"];
            var (exitCode, output) = _asRoot ? TryRun("runuser", ["-u", "postgres", "--", .. stop]) : TryRun(stop[0], stop[1..]);
            if (exitCode != 0)
            {
                // Deleting the folder below still ends the server: it exits within a minute once its postmaster.pid is gone.
                Console.Error.WriteLine($"Stopping the test PostgreSQL server failed ({exitCode}): {output}");
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the run.
        }
    }

    private string DataDirectory => Path.Combine(_root!, "data");

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        // Fresh databases come and go: idle pooled connections give their server slots back soon.
        ConnectionIdleLifetime = 10,
        ConnectionPruningInterval = 5,
        Timeout = 30,
    }.ConnectionString;

    private void Start(bool asRoot)
    {
        Directory.CreateDirectory(_root!);
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", _root!]);
        }

        // UTF8 like a production server; the app's columns carry their own collation, so the locale does not matter.
        RunAsServerUser(asRoot, PgTool("initdb"), ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
        Port = FreePort();
        var options = string.Create(
            CultureInfo.InvariantCulture,
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
        RunAsServerUser(asRoot, PgTool("pg_ctl"), ["-D", DataDirectory, "-l", Path.Combine(_root!, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
    }

    private string PgTool(string name) => Path.Combine(_binaries!, name);

    private static void RunAsServerUser(bool asRoot, string tool, string[] arguments)
    {
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", tool, .. arguments]);
        }
        else
        {
            Run(tool, arguments);
        }
    }

    private static void Run(string fileName, string[] arguments)
    {
        var (exitCode, output) = TryRun(fileName, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {exitCode}: {output}");
        }
    }

    private static (int ExitCode, string Output) TryRun(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        // Read both streams at once: a full pipe would block the tool.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_commandTimeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {s_commandTimeout.TotalSeconds} s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? FindBinaries() =>
        Directory.Exists(DebianInstallRoot)
            ? Directory.GetDirectories(DebianInstallRoot)
                .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), out var v) ? v : 0))
                .Where(f => f.Version >= 15 && File.Exists(Path.Combine(f.Folder, "bin", "pg_ctl")))
                .OrderByDescending(f => f.Version)
                .Select(f => Path.Combine(f.Folder, "bin"))
                .FirstOrDefault()
            : null;

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Sanitize(string purpose)
    {
        var name = new string([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return name.Length > 40 ? name[..40] : name;
    }
}
