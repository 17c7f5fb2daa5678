using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>The builds' files: one per build under <c>indexes/</c>, opened with their checksum checked, deleted on request.</summary>
public sealed class BuildFiles(IDbContextFactory<VisualRecSysDbContext> dbFactory, DataPaths paths)
{
    /// <summary>Where build <paramref name="buildId"/>'s file goes, relative to the data directory (as its row stores it).</summary>
    public static string RelativePathFor(int buildId) => Path.Combine("indexes", $"{buildId}.vrsx");

    /// <summary>Full path of <paramref name="relative"/>, a path relative to the data directory.</summary>
    public string FullPath(string relative) => Path.Combine(paths.Root, relative);

    /// <summary>Full path of a build's index file.</summary>
    public string FileOf(IndexBuild build) => FullPath(build.FilePath ?? throw new InvalidOperationException($"Index build {build.Id} has no file."));

    /// <summary>
    /// Opens a build's file, verifying its checksum and that it holds <paramref name="modelId"/>'s vectors; on failure
    /// returns why instead, and whether the file itself is damaged (it failed its checksum or format checks: such a file
    /// goes to <see cref="IndexQuarantine"/>) rather than missing, unreadable or of another model.
    /// </summary>
    public (ForestIndex? Forest, string? Reason, bool Damaged) TryOpen(IndexBuild build, string modelId)
    {
        ForestIndex forest;
        try
        {
            forest = ForestIndex.Open(FileOf(build));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (null, e.Message, e is InvalidDataException);
        }

        if (forest.ModelId != modelId)
        {
            // The file itself records the model: a file that disagrees with its row is not trusted.
            forest.Dispose();
            return (null, $"its file holds vectors of model '{forest.ModelId}', not '{modelId}'", false);
        }

        return (forest, null, false);
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
            var file = new FileInfo(FullPath(build.FilePath));
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

    /// <summary>Deletes the half-written files of builds cut short before <paramref name="startedBefore"/> (this process's start).</summary>
    public void DeleteLeftovers(DateTimeOffset startedBefore)
    {
        if (!Directory.Exists(paths.Indexes))
        {
            return;
        }

        // ForestFile writes to ".<name>.<guid>.tmp" and moves it into place: leftovers are builds cut short.
        foreach (var temp in new DirectoryInfo(paths.Indexes).EnumerateFiles(".*.tmp").Where(f => f.LastWriteTimeUtc < startedBefore.UtcDateTime))
        {
            temp.Delete();
        }
    }
}
