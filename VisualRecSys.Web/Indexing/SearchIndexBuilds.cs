using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Web.Hosting;

namespace VisualRecSys.Web.Indexing;

/// <summary>
/// Index builds as the app keeps them: one file per build under <c>indexes/</c>, one row per build in SQLite,
/// one active build. A failed build is recorded as failed and never replaces the active one.
/// </summary>
public sealed partial class SearchIndexBuilds(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    DataPaths paths,
    ILogger<SearchIndexBuilds> logger)
{
    /// <summary>Builds a forest over the stored embeddings of <see cref="IndexBuildRequest.ModelId"/> and records it.</summary>
    /// <param name="request">Model, metric, trees, whether to activate.</param>
    /// <param name="treesBuilt">Receives the number of trees finished.</param>
    /// <param name="ct">Cancels the build (recorded as failed).</param>
    /// <returns>The recorded build and the index, ready to serve.</returns>
    /// <exception cref="InvalidOperationException">There are no stored embeddings for the model.</exception>
    public async Task<(IndexBuild Build, ForestIndex Index)> BuildAsync(IndexBuildRequest request, IProgress<int>? treesBuilt, CancellationToken ct)
    {
        var matrix = EmbeddingStore.TryLoad(paths.Embeddings, request.ModelId)
            ?? throw new InvalidOperationException($"There are no stored embeddings for model '{request.ModelId}'; run the 'embed' verb first.");

        var build = new IndexBuild
        {
            Kind = IndexBuildKind.Annoy,
            ModelId = request.ModelId,
            Metric = request.Metric.ToString().ToLowerInvariant(),
            ItemCount = matrix.Count,
            Dimension = matrix.Dimension,
            Status = IndexBuildStatus.Running,
            StartedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.IndexBuilds.Add(build);
            await db.SaveChangesAsync(ct);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var relative = Path.Combine("indexes", $"{build.Id}.vrsx");
            var index = await Task.Run(() =>
            {
                var forest = ForestIndex.Build(matrix, request.Metric, new ForestOptions { Trees = request.Trees }, treesBuilt, ct);
                forest.Save(Path.Combine(paths.Root, relative));
                return forest;
            }, ct);

            build.Status = IndexBuildStatus.Ready;
            build.FilePath = relative;
            build.FinishedAt = DateTimeOffset.UtcNow;
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.IndexBuilds.Update(build);
            await db.SaveChangesAsync(CancellationToken.None);
            if (request.Activate)
            {
                await ActivateAsync(build.Id, CancellationToken.None);
                build.IsActive = true;
            }

            LogBuilt(logger, build.Id, matrix.Count, request.Trees, clock.Elapsed.TotalSeconds);
            return (build, index);
        }
        catch (Exception e)
        {
            build.Status = IndexBuildStatus.Failed;
            build.Error = e is OperationCanceledException ? "Cancelled." : e.Message;
            build.FinishedAt = DateTimeOffset.UtcNow;
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.IndexBuilds.Update(build);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Makes build <paramref name="buildId"/> the one served; only a ready build can be.</summary>
    /// <exception cref="InvalidOperationException">No such build, or it is not ready.</exception>
    public async Task ActivateAsync(int buildId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var build = await db.IndexBuilds.SingleOrDefaultAsync(b => b.Id == buildId, ct)
            ?? throw new InvalidOperationException($"There is no index build {buildId}.");
        if (build.Status != IndexBuildStatus.Ready)
        {
            throw new InvalidOperationException($"Index build {buildId} is {build.Status}; only a ready build can be activated.");
        }

        await db.IndexBuilds.Where(b => b.IsActive && b.Id != buildId).ExecuteUpdateAsync(s => s.SetProperty(b => b.IsActive, false), ct);
        build.IsActive = true;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Opens the active build for <paramref name="modelId"/>, or returns null (with the reason logged) when there is none usable.</summary>
    public async Task<(IndexBuild Build, ForestIndex Index)?> OpenActiveAsync(string modelId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var build = await db.IndexBuilds.AsNoTracking().SingleOrDefaultAsync(b => b.IsActive, ct);
        if (build is null || build.FilePath is null || build.ModelId != modelId || build.Kind != IndexBuildKind.Annoy)
        {
            return null;
        }

        try
        {
            return (build, ForestIndex.Open(Path.Combine(paths.Root, build.FilePath)));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogUnusable(logger, build.Id, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index build {BuildId}: {Count} items, {Trees} trees in {Seconds:F1} s")]
    private static partial void LogBuilt(ILogger logger, int buildId, int count, int trees, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The active index build {BuildId} cannot be served: {Reason}")]
    private static partial void LogUnusable(ILogger logger, int buildId, string reason);
}
