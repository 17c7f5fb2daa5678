using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>
/// <c>scripts/run-cluster.sh</c> as an operator runs it: its own PostgreSQL, the replicas and real nginx in front, in a
/// session (process group) of its own so a failed test can still kill everything it started.
/// </summary>
internal sealed partial class ClusterRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CapturedOutput _output;

    private ClusterRun(Process process, int port)
    {
        _process = process;
        _output = CapturedOutput.Of(process);
        Port = port;
    }

    /// <summary>nginx's port; replica i listens on Port + i.</summary>
    public int Port { get; }

    public Uri ProxyUrl => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process.HasExited;

    public string Output => _output.ToString();

    /// <summary>Why the cluster cannot run here (no nginx, no PostgreSQL server), or <see langword="null"/>.</summary>
    public static string? SkipReason()
    {
        if (!File.Exists("/usr/sbin/nginx") && !File.Exists("/usr/bin/nginx"))
        {
            return "nginx tests skipped: no nginx (apt-get install nginx, or ./scripts/install-prerequisites.sh).";
        }

        var postgres = Directory.Exists("/usr/lib/postgresql")
            && Directory.EnumerateFiles("/usr/lib/postgresql", "postgres", SearchOption.AllDirectories).Any();
        return postgres ? null : "nginx tests skipped: no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql).";
    }

    /// <summary>Starts the script with <paramref name="replicas"/> replicas on a free block of ports.</summary>
    public static ClusterRun Start(int replicas)
    {
        var port = FreePortBlock(replicas + 1);
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = TestCatalog.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "./scripts/run-cluster.sh", "--replicas", replicas.ToString(CultureInfo.InvariantCulture), "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // This test run's build serves as the replicas' (the script runs them with -c Release); a Debug run lets the
        // script build Release itself.
        if (!AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        {
            start.ArgumentList.Add("--no-build");
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("setsid did not start.");
        return new ClusterRun(process, port);
    }

    /// <summary>Waits for the script's "ready" line (nginx answers in front of every replica).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains("run-cluster: ready", StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"run-cluster.sh exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"run-cluster.sh was not ready within {timeout}:\n{Output}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The pid of replica <paramref name="index"/>'s app process, as the script reported it.</summary>
    public int ReplicaPid(int index)
    {
        var match = Regex.Match(Output, $@"replica-{index}\s+http://\S+, pid (\d+)");
        Assert.True(match.Success, $"run-cluster.sh named no pid for replica-{index}:\n{Output}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The run's folder (temporary: the script removes it when it stops).</summary>
    public string RunFolder()
    {
        var match = RunFolderLine().Match(Output);
        Assert.True(match.Success, $"run-cluster.sh named no run folder:\n{Output}");
        return match.Groups[1].Value;
    }

    /// <summary>SIGTERM, as Ctrl+C or a service manager stops it; returns its exit code, or null when it did not stop in time.</summary>
    public async Task<int?> StopAsync(TimeSpan timeout)
    {
        _ = Signal("TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static bool Signal(string signal, string target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, "--", target }, UseShellExecute = false, RedirectStandardError = true })!;
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }

    public static bool Listens(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The whole session: setsid made the script its process group's leader.
            Signal("KILL", "-" + _process.Id.ToString(CultureInfo.InvariantCulture));
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>A port p with p .. p + count - 1 all free (nginx and the replicas bind them).</summary>
    private static int FreePortBlock(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 40_000);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No block of {count} free ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"run-cluster: run folder (\S+)")]
    private static partial Regex RunFolderLine();
}
