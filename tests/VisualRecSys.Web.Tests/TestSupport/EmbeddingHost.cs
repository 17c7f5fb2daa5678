using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisualRecSys.Data;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>
/// A temporary data directory with a small imported catalog (real SQLite file, real images) and a services host over it,
/// configured through command-line style settings, with its log lines captured.
/// </summary>
internal sealed class EmbeddingHost : IAsyncDisposable
{
    private EmbeddingHost(string root, IHost host, ConcurrentQueue<string> log)
    {
        Root = root;
        Host = host;
        Log = log;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>Log messages (warning and above, and information from VisualRecSys).</summary>
    public ConcurrentQueue<string> Log { get; }

    /// <summary>Imports <paramref name="perCategory"/> products per category into a new data directory (with the <c>import</c> verb).</summary>
    public static async Task<string> CreateCatalogAsync(int perCategory)
    {
        var root = Path.Combine(Path.GetTempPath(), $"vrs-embed-{Guid.NewGuid():N}");
        var csv = TestCatalog.Create(Path.Combine(root, "catalog"), perCategory);
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["import", "folder", Path.GetDirectoryName(csv)!, "--csv", csv, "--data-dir", Path.Combine(root, "data")]));
        return root;
    }

    /// <summary>A host over <paramref name="root"/>'s data directory with extra configuration.</summary>
    public static async Task<EmbeddingHost> StartAsync(string root, Dictionary<string, string>? settings = null)
    {
        var args = (settings ?? []).Select(s => $"--{s.Key}={s.Value}").ToArray();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Configuration["VisualRecSys:DataDirectory"] = Path.Combine(root, "data");
        builder.Configuration["VisualRecSys:Embedding:Provider"] ??= "Cpu";
        var log = new ConcurrentQueue<string>();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new CapturingLoggerProvider(log));
        builder.Services.AddVisualRecSysCore();
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new EmbeddingHost(root, host, log);
    }

    public ValueTask DisposeAsync()
    {
        Host.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes a catalog made by <see cref="CreateCatalogAsync"/>.</summary>
    public static void Delete(string root)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, log);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) =>
                logLevel >= LogLevel.Warning || (logLevel >= LogLevel.Information && category.StartsWith("VisualRecSys", StringComparison.Ordinal));

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Enqueue($"{logLevel}: {formatter(state, exception)}");
                }
            }
        }
    }
}
