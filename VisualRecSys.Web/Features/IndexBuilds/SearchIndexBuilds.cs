using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Models;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Index builds as the app keeps them: one file per build under <c>indexes/</c>, one row per build in SQLite,
/// one active build. A failed build is recorded as failed and never replaces the active one.
/// </summary>
public sealed partial class SearchIndexBuilds(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    DataPaths paths,
    HeadModels heads,
    ILogger<SearchIndexBuilds> logger)
{
    /// <summary>
    /// The split space of forests over a head whose backbone part is whitened: whitening spreads that part evenly over
    /// all 512 directions, so the 64 leading components the trees split in by default hold little of it. Measured on the
    /// Fashion-MNIST head (60,000 × 522, 100 trees, search_k 1,000): recall@10 0.945 with 64 (96 shortlisted), 0.964 with 128 (192).
    /// </summary>
    public const int WhitenedSplitDimension = 128;

    /// <summary>Builds a forest over the stored embeddings of <see cref="IndexBuildRequest.ModelId"/> and records it.</summary>
    /// <param name="request">Model, metric, trees, whether to activate.</param>
    /// <param name="treesBuilt">Receives the number of trees finished.</param>
    /// <param name="ct">Cancels the build (recorded as failed).</param>
    /// <returns>The recorded build and the index, ready to serve.</returns>
    /// <exception cref="InvalidOperationException">There are no stored embeddings for the model.</exception>
    public Task<(IndexBuild Build, ForestIndex Index)> BuildAsync(IndexBuildRequest request, IProgress<int>? treesBuilt, CancellationToken ct) =>
        BuildAsync(request, LoadVectors(request.ModelId), treesBuilt, null, ct);

    /// <summary>Builds a forest over <paramref name="matrix"/> (the stored embeddings of the request's model) and records it.</summary>
    /// <param name="request">Model, metric, trees, default search_k, whether to activate.</param>
    /// <param name="matrix">The vectors to index.</param>
    /// <param name="treesBuilt">Receives the number of trees finished.</param>
    /// <param name="recorded">Receives the new build's id once its row exists, before the trees are built.</param>
    /// <param name="ct">Cancels the build (recorded as failed).</param>
    public Task<(IndexBuild Build, ForestIndex Index)> BuildAsync(IndexBuildRequest request, EmbeddingMatrix matrix, IProgress<int>? treesBuilt,
        Action<int>? recorded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(matrix);
        return RecordAsync(request, matrix.Count, matrix.Dimension,
            () => ForestIndex.Build(matrix, request.Metric, ForestOptionsFor(request), treesBuilt, ct),
            ct, recorded);
    }

    /// <summary>The forest's options for a build of <paramref name="request"/>'s model (see <see cref="WhitenedSplitDimension"/>).</summary>
    private ForestOptions ForestOptionsFor(IndexBuildRequest request)
    {
        var options = new ForestOptions { Trees = request.Trees, DefaultSearchK = request.SearchK };
        try
        {
            return ModelId.NamesHead(request.ModelId) && heads.Get(request.ModelId).Fusion.Whitening is not null
                ? options with { SplitDimension = WhitenedSplitDimension, ShortlistDimension = WhitenedSplitDimension * 3 / 2 }
                : options;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            // Vectors of a head whose file is gone still index; only the split space is the default one.
            return options;
        }
    }

    /// <summary>The stored embeddings of <paramref name="modelId"/>.</summary>
    /// <exception cref="InvalidOperationException">There are none.</exception>
    public EmbeddingMatrix LoadVectors(string modelId) =>
        EmbeddingStore.TryLoad(paths.Embeddings, modelId)
            ?? throw new InvalidOperationException($"There are no stored embeddings for model '{modelId}'; embed the products with it first (the 'embed' verb, or an import or head job).");

    /// <summary>Whether product embeddings of <paramref name="modelId"/> are stored.</summary>
    public bool HasVectors(string modelId) => File.Exists(EmbeddingStore.PathFor(paths.Embeddings, modelId));

    /// <summary>Records an index made by <paramref name="make"/> (a build, or an Annoy import) as a build: row, file, activation.</summary>
    /// <param name="request">Model, metric, trees, whether to activate.</param>
    /// <param name="items">Items the index will hold.</param>
    /// <param name="dimension">Their dimension.</param>
    /// <param name="make">Makes the index; runs on the thread pool.</param>
    /// <param name="ct">Cancels the work (recorded as failed).</param>
    /// <returns>The recorded build and the index.</returns>
    /// <param name="recorded">Receives the new build's id once its row exists.</param>
    public async Task<(IndexBuild Build, ForestIndex Index)> RecordAsync(IndexBuildRequest request, int items, int dimension,
        Func<ForestIndex> make, CancellationToken ct, Action<int>? recorded = null)
    {
        var build = new IndexBuild
        {
            Kind = IndexBuildKind.Forest,
            ModelId = request.ModelId,
            Metric = request.Metric.ToString().ToLowerInvariant(),
            ItemCount = items,
            Dimension = dimension,
            Status = IndexBuildStatus.Running,
            StartedAt = DateTimeOffset.UtcNow,
            Trees = request.Trees,
            SearchK = request.SearchK,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.IndexBuilds.Add(build);
            await db.SaveChangesAsync(ct);
        }

        recorded?.Invoke(build.Id);

        var clock = Stopwatch.StartNew();
        try
        {
            var relative = Path.Combine("indexes", $"{build.Id}.vrsx");
            var index = await Task.Run(() =>
            {
                var forest = make();
                forest.Save(Path.Combine(paths.Root, relative));
                return forest;
            }, ct);

            build.Status = IndexBuildStatus.Ready;
            build.ItemCount = index.Count;
            build.Dimension = index.Dimension;
            build.FilePath = relative;
            build.FileBytes = new FileInfo(Path.Combine(paths.Root, relative)).Length;
            build.Trees = index.TreeCount;
            build.FinishedAt = DateTimeOffset.UtcNow;
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.IndexBuilds.Update(build);
            await db.SaveChangesAsync(CancellationToken.None);
            if (request.Activate)
            {
                await ActivateAsync(build.Id, CancellationToken.None);
                build.IsActive = true;
                build.ActivatedAt = DateTimeOffset.UtcNow;
            }

            LogBuilt(logger, build.Id, index.Count, index.TreeCount, clock.Elapsed.TotalSeconds);
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
            throw new InvalidOperationException($"Index build {buildId} is {build.Status.ToLowerName()}; only a ready build can be activated.");
        }

        await db.IndexBuilds.Where(b => b.IsActive && b.Id != buildId).ExecuteUpdateAsync(s => s.SetProperty(b => b.IsActive, false), ct);
        build.IsActive = true;
        build.ActivatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Every build, newest first, for the admin console's history.</summary>
    public async Task<IReadOnlyList<BuildView>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var builds = await db.IndexBuilds.AsNoTracking().OrderByDescending(b => b.Id).ToListAsync(ct);
        return [.. builds.Select(BuildView.Of)];
    }

    /// <summary>Build <paramref name="buildId"/>, or null.</summary>
    public async Task<IndexBuild?> FindAsync(int buildId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IndexBuilds.AsNoTracking().SingleOrDefaultAsync(b => b.Id == buildId, ct);
    }

    /// <summary>
    /// The ready build (its file present) activated most recently before the active one: where a rollback goes. Null when
    /// no other build was ever active.
    /// </summary>
    public async Task<IndexBuild?> FindPreviousAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.IndexBuilds.AsNoTracking()
            .Where(b => !b.IsActive && b.Status == IndexBuildStatus.Ready && b.FilePath != null && b.ActivatedAt != null)
            .ToListAsync(ct);
        // SQLite cannot order by a converted DateTimeOffset on the server; the list is short.
        return candidates.OrderByDescending(b => b.ActivatedAt).ThenByDescending(b => b.Id).FirstOrDefault();
    }

    /// <summary>Stores the recall@10 measured on build <paramref name="buildId"/>.</summary>
    public async Task SetRecallAsync(int buildId, double recallAt10, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IndexBuilds.Where(b => b.Id == buildId).ExecuteUpdateAsync(s => s.SetProperty(b => b.RecallAt10, recallAt10), ct);
    }

    /// <summary>
    /// Deletes the file of build <paramref name="buildId"/> (the row stays, as history); the active build and a running one
    /// keep theirs.
    /// </summary>
    /// <returns>The bytes freed.</returns>
    /// <exception cref="InvalidOperationException">No such build, or it is active or running.</exception>
    public async Task<long> DeleteFileAsync(int buildId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var build = await db.IndexBuilds.SingleOrDefaultAsync(b => b.Id == buildId, ct)
            ?? throw new InvalidOperationException($"There is no index build {buildId}.");
        if (build.IsActive)
        {
            throw new InvalidOperationException($"Index build {buildId} is the active one; activate another before deleting its file.");
        }

        if (build.Status == IndexBuildStatus.Running)
        {
            throw new InvalidOperationException($"Index build {buildId} is running; cancel it first.");
        }

        long freed = 0;
        if (build.FilePath is not null)
        {
            var file = new FileInfo(Path.Combine(paths.Root, build.FilePath));
            if (file.Exists)
            {
                freed = file.Length;
                // A query that began on this build before it was replaced has long finished (see ActiveIndex), and Linux
                // keeps a mapped file's pages until the last mapping goes.
                file.Delete();
            }
        }

        build.FilePath = null;
        build.FileDeletedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return freed;
    }

    /// <summary>
    /// Marks builds a killed process left running as failed (only those started before <paramref name="startedBefore"/>,
    /// this process's start, so a build of this process is never touched) and deletes their half-written files.
    /// </summary>
    /// <returns>How many builds were marked.</returns>
    public async Task<int> FailInterruptedAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var running = (await db.IndexBuilds.Where(b => b.Status == IndexBuildStatus.Running).ToListAsync(ct))
            .Where(b => b.StartedAt < startedBefore).ToList();
        foreach (var build in running)
        {
            build.Status = IndexBuildStatus.Failed;
            build.Error = InterruptedMessage;
            build.FinishedAt = DateTimeOffset.UtcNow;
        }

        await db.SaveChangesAsync(ct);
        if (Directory.Exists(paths.Indexes))
        {
            // ForestFile writes to ".<name>.<guid>.tmp" and moves it into place: leftovers are builds cut short.
            foreach (var temp in new DirectoryInfo(paths.Indexes).EnumerateFiles(".*.tmp").Where(f => f.LastWriteTimeUtc < startedBefore.UtcDateTime))
            {
                temp.Delete();
            }
        }

        return running.Count;
    }

    /// <summary>The error stored on a build cut short by the app stopping or being killed.</summary>
    public const string InterruptedMessage = "Interrupted: the app stopped or was killed during the build.";

    /// <summary>The file of build <paramref name="buildId"/> (or of the active build when null), or null when there is none ready.</summary>
    public async Task<IndexBuild?> FindReadyAsync(int? buildId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IndexBuilds.AsNoTracking()
            .Where(b => b.Status == IndexBuildStatus.Ready && b.FilePath != null && (buildId == null ? b.IsActive : b.Id == buildId))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Full path of a build's index file.</summary>
    public string FileOf(IndexBuild build) => Path.Combine(paths.Root, build.FilePath ?? throw new InvalidOperationException($"Index build {build.Id} has no file."));

    /// <summary>Opens the active build for <paramref name="modelId"/>, or returns null (with the reason logged) when there is none usable.</summary>
    public async Task<(IndexBuild Build, ForestIndex Index)?> OpenActiveAsync(string modelId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var build = await db.IndexBuilds.AsNoTracking().SingleOrDefaultAsync(b => b.IsActive, ct);
        if (build is null || build.FilePath is null || build.Kind != IndexBuildKind.Forest)
        {
            return null;
        }

        if (build.ModelId != modelId)
        {
            // E.g. the configured model changed, or its file did (its id is a content hash): a new index is built.
            LogOtherModel(logger, build.Id, build.ModelId, modelId);
            return null;
        }

        var (forest, reason) = TryOpen(build, modelId);
        if (forest is null)
        {
            LogUnusable(logger, build.Id, reason!);
            return null;
        }

        return (build, forest);
    }

    /// <summary>
    /// Opens the active build for <paramref name="modelId"/> as <see cref="OpenActiveAsync"/> does, but when its file is
    /// damaged (truncated, corrupt, unreadable) the build is marked failed and the newest earlier build of the same model
    /// whose file is sound becomes the active one and is opened instead. Returns null when no build is usable.
    /// </summary>
    public async Task<(IndexBuild Build, ForestIndex Index)?> OpenActiveOrPreviousAsync(string modelId, CancellationToken ct)
    {
        var active = await FindReadyAsync(null, ct);
        if (active is null || active.Kind != IndexBuildKind.Forest || active.ModelId != modelId)
        {
            return await OpenActiveAsync(modelId, ct);
        }

        var (forest, reason) = TryOpen(active, modelId);
        if (forest is not null)
        {
            return (active, forest);
        }

        LogUnusable(logger, active.Id, reason!);
        await MarkDamagedAsync(active.Id, reason!, ct);
        List<IndexBuild> earlier;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            earlier = await db.IndexBuilds.AsNoTracking()
                .Where(b => b.Status == IndexBuildStatus.Ready && b.FilePath != null && b.Kind == IndexBuildKind.Forest && b.ModelId == modelId && b.Id < active.Id)
                .OrderByDescending(b => b.Id)
                .ToListAsync(ct);
        }

        foreach (var build in earlier)
        {
            (forest, reason) = TryOpen(build, modelId);
            if (forest is null)
            {
                LogUnusable(logger, build.Id, reason!);
                await MarkDamagedAsync(build.Id, reason!, ct);
                continue;
            }

            await ActivateAsync(build.Id, ct);
            build.IsActive = true;
            LogFellBack(logger, active.Id, build.Id);
            return (build, forest);
        }

        return null;
    }

    /// <summary>Opens a build's file, verifying its checksum; on failure returns why instead.</summary>
    private (ForestIndex? Forest, string? Reason) TryOpen(IndexBuild build, string modelId)
    {
        ForestIndex forest;
        try
        {
            forest = ForestIndex.Open(FileOf(build));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }

        if (forest.ModelId != modelId)
        {
            // The file itself records the model: a file that disagrees with its row is not trusted.
            forest.Dispose();
            return (null, $"its file holds vectors of model '{forest.ModelId}', not '{modelId}'");
        }

        return (forest, null);
    }

    /// <summary>A build whose file is damaged is failed for good: it is never chosen again, and the quality console says why.</summary>
    private async Task MarkDamagedAsync(int buildId, string reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IndexBuilds.Where(b => b.Id == buildId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, IndexBuildStatus.Failed)
            .SetProperty(b => b.IsActive, false)
            .SetProperty(b => b.Error, $"The index file is damaged: {reason}"), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index build {BuildId}: {Count} items, {Trees} trees in {Seconds:F1} s")]
    private static partial void LogBuilt(ILogger logger, int buildId, int count, int trees, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The active index build {BuildId} holds vectors of model {BuildModelId}; the app embeds with {ModelId}, so it is not served and a new index is built")]
    private static partial void LogOtherModel(ILogger logger, int buildId, string buildModelId, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index build {BuildId} cannot be served: {Reason}")]
    private static partial void LogUnusable(ILogger logger, int buildId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index build {DamagedId} is damaged; serving the previous good build {BuildId}")]
    private static partial void LogFellBack(ILogger logger, int damagedId, int buildId);
}
