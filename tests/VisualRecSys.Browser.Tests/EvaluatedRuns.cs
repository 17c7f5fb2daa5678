using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Quality.Jobs;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Browser.Tests;

/// <summary>Evaluation runs in the shared app, so the quality pages have figures to show.</summary>
internal static class EvaluatedRuns
{
    private static readonly SemaphoreSlim s_runGate = new(1, 1);
    private static int? s_runId;

    /// <summary>A completed evaluation run of the served model (a small one, made once per test run).</summary>
    public static async Task<int> CompletedAsync(BrowserFixture fixture)
    {
        await s_runGate.WaitAsync();
        try
        {
            return s_runId ??= await StartAndWaitAsync(fixture);
        }
        finally
        {
            s_runGate.Release();
        }
    }

    /// <summary>
    /// A second completed run with the figures of <paramref name="runId"/>, so the compare page has two runs chosen, its
    /// report changed by <paramref name="change"/> when given (a made-up lost original, say).
    /// </summary>
    public static async Task<int> StoredCopyAsync(BrowserFixture fixture, int runId, Func<EvaluationReport, EvaluationReport>? change = null)
    {
        var store = fixture.Factory.Services.GetRequiredService<EvaluationRunStore>();
        var stored = (await store.LoadAsync(runId, CancellationToken.None))!;
        var copy = await store.CreateAsync(new EvaluationRequest(stored.Run.ModelId), CancellationToken.None);
        await store.CompleteAsync(copy.Id, new EvaluationOutcome
        {
            Report = change is null ? stored.Report! : change(stored.Report!),
            QuerySplit = stored.Run.QuerySplit!,
            GallerySplit = stored.Run.GallerySplit!,
            LeaveOneOut = stored.Run.LeaveOneOut,
            QueriesWithoutVector = 0,
            GalleryWithoutVector = 0,
            IndexBuildId = stored.Run.IndexBuildId,
            AnnNotMeasuredReason = stored.Run.AnnNotMeasuredReason,
        }, CancellationToken.None);
        return copy.Id;
    }

    private static async Task<int> StartAndWaitAsync(BrowserFixture fixture)
    {
        var services = fixture.Factory.Services;
        var model = services.GetRequiredService<ServedModel>().ModelId;
        var start = await services.GetRequiredService<EvaluationJobs>().TryStartAsync(new EvaluationRequest(model, QueryLimit: 10) { LeaveOneOutWithoutQueries = true, InstanceEdits = 2, InstanceQueryLimit = 10 }, CancellationToken.None);
        Assert.True(start.Started, start.RefusedBecause);
        var store = services.GetRequiredService<EvaluationRunStore>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var stored = await store.LoadAsync(start.RunId!.Value, CancellationToken.None);
            if (stored?.Run.Status == EvaluationRunStatus.Completed)
            {
                return start.RunId.Value;
            }

            Assert.True(stored?.Run.Status != EvaluationRunStatus.Failed, stored?.Run.Error);
            await Task.Delay(500);
        }

        throw new TimeoutException("the evaluation run did not complete within 3 minutes");
    }
}
