using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Quality.Jobs;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Web.Tests.Features.Quality;

/// <summary>The background evaluation worker on a synthetic catalog: one run at a time, cancellation, runs a killed process left.</summary>
public sealed class EvaluationJobsTests : IAsyncLifetime
{
    // More queries than the evaluator's batch of 256, so it reports progress (and checks for cancellation) in between.
    private const int TestPerCategory = 100;
    private const int TrainPerCategory = 20;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-jobs-{Guid.NewGuid():N}");

    private string DataDirectory => Path.Combine(_root, "data");

    public Task InitializeAsync() => SyntheticCatalog.CreateAsync(DataDirectory, TestPerCategory, TrainPerCategory);

    public Task DisposeAsync()
    {
        EmbeddingHost.Delete(_root);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_completed_run_is_stored_with_the_figures_the_engine_computes()
    {
        await using var host = await QualityHost.StartAsync(DataDirectory);

        var state = await host.RunToEndAsync(new EvaluationRequest(SyntheticCatalog.ModelId, K: 5));

        Assert.Equal(EvaluationRunStatus.Completed, state.Status);
        Assert.Equal((300, 300), (state.Done, state.Total));
        var stored = await host.LoadAsync(state.RunId);
        var expected = await SplitCatalogFixture.EngineReportAsync(DataDirectory, SyntheticCatalog.ModelId, ProductSplit.Test, ProductSplit.Train, k: 5);
        ReportAssert.SameFigures(expected, stored.Report!);
        Assert.InRange(stored.Report!.PrecisionAt1, 0.1, 0.99);
        Assert.Equal(("test", "train", false), (stored.Run.QuerySplit, stored.Run.GallerySplit, stored.Run.LeaveOneOut));
        Assert.Equal("there is no active index build", stored.Run.AnnNotMeasuredReason);
        Assert.NotNull(stored.Run.FinishedAt);
    }

    [Fact]
    public async Task A_second_evaluation_is_refused_while_one_runs_and_a_cancelled_run_is_stored_as_failed()
    {
        await using var host = await QualityHost.StartAsync(DataDirectory);
        using var searching = new SemaphoreSlim(0);
        using var resume = new SemaphoreSlim(0);
        // Progress is reported on the evaluating thread: holding the first report pauses the evaluation between batches.
        void Hold(EvaluationJobState state)
        {
            if (state.IsRunning && state.Done > 0 && state.Done < state.Total)
            {
                searching.Release();
                Assert.True(resume.Wait(TimeSpan.FromMinutes(1)));
            }
        }

        host.Jobs.Changed += Hold;
        var first = await host.Jobs.TryStartAsync(new EvaluationRequest(SyntheticCatalog.ModelId), CancellationToken.None);
        Assert.True(await searching.WaitAsync(TimeSpan.FromMinutes(1)));

        var second = await host.Jobs.TryStartAsync(new EvaluationRequest(SyntheticCatalog.ModelId, K: 3), CancellationToken.None);
        Assert.False(second.Started);
        Assert.Equal($"Evaluation run {first.RunId} is still running: one evaluation runs at a time. Wait for it to finish or cancel it.", second.RefusedBecause);
        Assert.Equal(256, host.Jobs.Current!.Done);

        var finished = new TaskCompletionSource<EvaluationJobState>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Jobs.Changed += state =>
        {
            if (!state.IsRunning)
            {
                finished.TrySetResult(state);
            }
        };
        Assert.True(host.Jobs.Cancel(first.RunId!.Value));
        resume.Release();
        var final = await finished.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal((EvaluationRunStatus.Failed, "Cancelled."), (final.Status, final.Message));
        var stored = await host.LoadAsync(first.RunId.Value);
        Assert.Equal((EvaluationRunStatus.Failed, "Cancelled."), (stored.Run.Status, stored.Run.Error));
        Assert.Null(stored.Report);
        Assert.Single(await host.Runs.ListAsync(CancellationToken.None));

        host.Jobs.Changed -= Hold;
        var next = await host.RunToEndAsync(new EvaluationRequest(SyntheticCatalog.ModelId, K: 3));
        Assert.Equal(EvaluationRunStatus.Completed, next.Status);
    }

    [Fact]
    public async Task Runs_a_killed_process_left_running_are_marked_failed_at_the_next_start()
    {
        await using (var db = SplitCatalogFixture.Database(DataDirectory))
        {
            db.EvaluationRuns.Add(new EvaluationRun { Status = EvaluationRunStatus.Running, ModelId = SyntheticCatalog.ModelId, K = 10 });
            await db.SaveChangesAsync();
        }

        await using var host = await QualityHost.StartAsync(DataDirectory);
        // Starting waits for the recovery, so the new run is not mistaken for an interrupted one.
        var state = await host.RunToEndAsync(new EvaluationRequest(SyntheticCatalog.ModelId));

        var interrupted = await host.LoadAsync(1);
        Assert.Equal((EvaluationRunStatus.Failed, EvaluationRunStore.InterruptedMessage), (interrupted.Run.Status, interrupted.Run.Error));
        Assert.NotNull(interrupted.Run.FinishedAt);
        Assert.Equal((2, EvaluationRunStatus.Completed), (state.RunId, state.Status));
    }

    [Fact]
    public async Task An_evaluation_that_cannot_run_is_stored_as_failed_with_the_reason()
    {
        await using var host = await QualityHost.StartAsync(DataDirectory);

        var state = await host.RunToEndAsync(new EvaluationRequest("no-such-model"));

        Assert.Equal(EvaluationRunStatus.Failed, state.Status);
        Assert.StartsWith("There are no stored embeddings for model 'no-such-model'", state.Message, StringComparison.Ordinal);
        var stored = await host.LoadAsync(state.RunId);
        Assert.Equal(state.Message, stored.Run.Error);
    }

    [Fact]
    public async Task A_chosen_index_build_is_measured_even_when_another_serves_and_one_that_cannot_be_says_why()
    {
        await using var host = await QualityHost.StartAsync(DataDirectory);
        var builds = host.Host.Services.GetRequiredService<IndexBuilder>();
        var service = host.Host.Services.GetRequiredService<EvaluationService>();
        var (built, forest) = await builds.BuildAsync(new IndexBuildRequest(SyntheticCatalog.ModelId, DistanceMetric.Angular, 4, Activate: false), null, CancellationToken.None);
        forest.Dispose();

        var chosen = await service.RunAsync(new EvaluationRequest(SyntheticCatalog.ModelId) { IndexBuildId = built.Id }, null, CancellationToken.None);
        var active = await service.RunAsync(new EvaluationRequest(SyntheticCatalog.ModelId), null, CancellationToken.None);
        var missing = await service.RunAsync(new EvaluationRequest(SyntheticCatalog.ModelId) { IndexBuildId = 99 }, null, CancellationToken.None);

        Assert.Equal((built.Id, null), (chosen.IndexBuildId, chosen.AnnNotMeasuredReason));
        Assert.InRange(chosen.Report.AnnRecallAtK!.Value, 0.5, 1.0);
        Assert.Equal("forest, 4 trees, search_k 40", chosen.Report.AnnIndex);
        // Without a choice, the verb's: the active build, and there is none.
        Assert.Equal((null, "there is no active index build"), (active.IndexBuildId, active.AnnNotMeasuredReason));
        Assert.Equal((null, "index build 99 is not a ready forest"), (missing.IndexBuildId, missing.AnnNotMeasuredReason));
        Assert.Null(missing.Report.AnnRecallAtK);
        // The exact figures do not depend on the index.
        Assert.Equal(active.Report.PerCategory, chosen.Report.PerCategory.Select(c => c with { AnnRecallAtK = null }));
    }

    [Fact]
    public async Task Deleting_a_run_removes_it_and_its_categories()
    {
        await using var host = await QualityHost.StartAsync(DataDirectory);
        var state = await host.RunToEndAsync(new EvaluationRequest(SyntheticCatalog.ModelId));

        Assert.True(await host.Runs.DeleteAsync(state.RunId, CancellationToken.None));

        Assert.Null(await host.Runs.LoadAsync(state.RunId, CancellationToken.None));
        await using var db = SplitCatalogFixture.Database(DataDirectory);
        Assert.Equal(0, await db.EvaluationCategoryResults.CountAsync());
    }
}
