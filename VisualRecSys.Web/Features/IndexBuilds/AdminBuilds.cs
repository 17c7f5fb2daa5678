using System.Globalization;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Models;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Infrastructure.Jobs;
using VisualRecSys.Web.Infrastructure;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Index builds as admin jobs: load the model's vectors, build the trees, write the file, measure recall@10 on a sample,
/// and activate when asked. The serving build keeps serving throughout; a failed or cancelled build is recorded as failed.
/// </summary>
public sealed class AdminBuilds(
    AdminJobs jobs,
    StoredVectors vectors,
    IndexBuilder builder,
    BuildHistory history,
    BuildActivation activation,
    ServedModel servedModel,
    EmbeddingModelRegistry models,
    IOptions<AdminConsoleOptions> options,
    IHostApplicationLifetime lifetime)
{
    public const string Kind = "build";

    /// <summary>Starts a build job, or says why not (no vectors of the model, a job running).</summary>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it.</exception>
    public async Task<JobStart> StartAsync(AdminBuildRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Validate(out var metric) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var modelId = ResolveModel(request.Model);
        if (!vectors.Has(modelId))
        {
            return JobStart.Refused($"There are no product embeddings for model '{modelId}'; embed the products with it first.");
        }

        var activate = request.Activate ?? false;
        var indexRequest = new IndexBuildRequest(modelId, metric, request.Trees ?? IndexBuildRequest.DefaultTrees, Activate: false, request.SearchK ?? 0)
        {
            ActivateAfterChecks = activate,
        };
        var title = string.Create(CultureInfo.InvariantCulture,
            $"Index build: {modelId}, {metric.ToString().ToLowerInvariant()}, {indexRequest.Trees} trees, search_k {(indexRequest.SearchK == 0 ? "trees × k" : indexRequest.SearchK)}{(activate ? ", then activate" : "")}");
        return await jobs.TryStartAsync(Kind, title, (context, token) => RunAsync(indexRequest, activate, context, token), ct);
    }

    /// <summary>Cancels the job building <paramref name="buildId"/>; false when no job is building it.</summary>
    public bool Cancel(int buildId) => jobs.RunningOnBuild(buildId) is { } job && jobs.Cancel(job.Id);

    private async Task<string> RunAsync(IndexBuildRequest request, bool activate, JobContext context, CancellationToken ct)
    {
        context.Stage("Loading the vectors");
        var matrix = vectors.Load(request.ModelId);
        var delay = options.Value.TreeBuildDelay;
        context.Stage("Building trees", request.Trees, "trees");
        var trees = new InlineProgress<int>(done =>
        {
            if (done >= request.Trees)
            {
                // The last tree is in: the forest is laid out and written next, which takes a while on a large catalog.
                context.Stage("Writing the index file");
                return;
            }

            context.Report(done);
            if (delay > TimeSpan.Zero)
            {
                Thread.Sleep(delay);
            }
        });
        var (build, index) = await builder.BuildAsync(request, matrix, trees, context.SetBuild, ct);
        using (index)
        {
            try
            {
                var queries = RecallSample.QueriesFor(matrix.Count, options.Value.RecallQueries);
                context.Stage("Measuring recall@10 against exact search", queries, "queries");
                var recall = RecallSample.Measure(matrix, index, queries, context.Counter(), ct);
                await history.SetRecallAsync(build.Id, recall, ct);
                var summary = string.Create(CultureInfo.InvariantCulture,
                    $"Index build {build.Id}: {index.Count:N0} items, {index.TreeCount} trees, {(build.FileBytes ?? 0) / 1e6:F1} MB, recall@10 {recall:F3}");
                if (!activate)
                {
                    return summary;
                }

                context.Stage("Activating");
                await activation.ActivateAsync(build.Id, ct);
                return summary + "; active";
            }
            catch (OperationCanceledException) when (activate && lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // The app is stopping: the activation asked for stays recorded on the build and is finished at the next start.
                throw;
            }
            catch (Exception e) when (activate)
            {
                await history.DropActivationRequestAsync(build.Id,
                    e is OperationCanceledException ? "the job was cancelled before the activation." : e.Message, CancellationToken.None);
                throw;
            }
        }
    }

    private string ResolveModel(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return servedModel.ModelId;
        }

        if (ModelId.NamesHead(model))
        {
            return model;
        }

        try
        {
            return models.Get(model).Id;
        }
        catch (ArgumentException e)
        {
            // The registry's message names its own parameter; the API's caller knows this one as 'model'.
            var reason = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException($"'model': {reason}", e);
        }
    }
}
