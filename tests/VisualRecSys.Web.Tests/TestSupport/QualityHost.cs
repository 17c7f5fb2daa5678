using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisualRecSys.Data;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Quality.Jobs;
using VisualRecSys.Web.Features.Quality.Runs;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>
/// A started host over a data directory with the core services and the quality console (the background evaluation
/// worker running), as the web app composes them, without the web server or the catalog's preparation.
/// </summary>
internal sealed class QualityHost : IAsyncDisposable
{
    private QualityHost(IHost host) => Host = host;

    public IHost Host { get; }

    public EvaluationJobs Jobs => Host.Services.GetRequiredService<EvaluationJobs>();

    public EvaluationRunStore Runs => Host.Services.GetRequiredService<EvaluationRunStore>();

    public static async Task<QualityHost> StartAsync(string dataDirectory)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["VisualRecSys:DataDirectory"] = dataDirectory;
        builder.Configuration["VisualRecSys:SeedCatalog"] = DataPaths.NoSeedCatalog;
        builder.Configuration["VisualRecSys:Embedding:Provider"] = "Cpu";
        builder.Logging.ClearProviders();
        builder.Services.AddVisualRecSysCore();
        builder.AddQuality();
        var host = builder.Build();
        await host.StartAsync();
        return new QualityHost(host);
    }

    /// <summary>Starts <paramref name="request"/> and waits until its run completed or failed; returns the final state.</summary>
    public async Task<EvaluationJobState> RunToEndAsync(EvaluationRequest request)
    {
        var finished = new TaskCompletionSource<EvaluationJobState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runId = 0; // run ids start at 1
        void OnChanged(EvaluationJobState state)
        {
            if (!state.IsRunning && state.RunId == Volatile.Read(ref runId))
            {
                finished.TrySetResult(state);
            }
        }

        Jobs.Changed += OnChanged;
        try
        {
            var start = await Jobs.TryStartAsync(request, CancellationToken.None);
            Assert.True(start.Started, start.RefusedBecause);
            Volatile.Write(ref runId, start.RunId!.Value);
            // The run may have ended before runId was set: then Current already says so.
            if (Jobs.Current is { IsRunning: false } current && current.RunId == start.RunId)
            {
                return current;
            }

            return await finished.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            Jobs.Changed -= OnChanged;
        }
    }

    /// <summary>The stored run <paramref name="runId"/>, which must exist.</summary>
    public async Task<StoredEvaluation> LoadAsync(int runId) =>
        await Runs.LoadAsync(runId, CancellationToken.None) ?? throw new InvalidOperationException($"No run {runId}.");

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
