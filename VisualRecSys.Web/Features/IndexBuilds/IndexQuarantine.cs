using Microsoft.Extensions.Options;
using VisualRecSys.Data;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>What the quarantine holds, for the status page: how many files, their bytes, and the newest.</summary>
/// <param name="Files">Damaged index files kept.</param>
/// <param name="Bytes">Their bytes together.</param>
/// <param name="Newest">The newest one's name (<c>&lt;build id&gt;.vrsx</c>), or null when there is none.</param>
/// <param name="NewestAt">When it was quarantined, or null.</param>
public sealed record QuarantineSummary(int Files, long Bytes, string? Newest, DateTimeOffset? NewestAt);

/// <summary>
/// Damaged index files (they failed their checksum or format checks when opened) are moved out of <c>indexes/</c> into
/// <c>indexes/quarantine/</c> rather than left there for ever: kept for inspection within the caps of
/// <see cref="IndexQuarantineOptions"/> (the newest files stay), and their builds' rows say where they went.
/// </summary>
public sealed partial class IndexQuarantine(DataPaths paths, BuildFiles files, BuildHistory history, IOptions<IndexQuarantineOptions> options,
    ILogger<IndexQuarantine> logger)
{
    /// <summary>The quarantine folder.</summary>
    public string Folder => Path.Combine(paths.Indexes, "quarantine");

    /// <summary>
    /// Fails build <paramref name="build"/> for good because its file is damaged (<paramref name="reason"/>), moving the
    /// file to the quarantine when it is there, then trims the quarantine to its caps.
    /// </summary>
    public async Task MoveAsync(IndexBuild build, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(build);
        string? moved = null;
        try
        {
            if (build.FilePath is not null && File.Exists(files.FileOf(build)))
            {
                Directory.CreateDirectory(Folder);
                var name = Path.GetFileName(build.FilePath);
                File.Move(files.FileOf(build), Path.Combine(Folder, name), overwrite: true);
                // The move keeps the write time; the quarantine orders by when files came in.
                File.SetLastWriteTimeUtc(Path.Combine(Folder, name), DateTime.UtcNow);
                moved = Path.Combine("indexes", "quarantine", name);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotMoved(logger, build.Id, e.Message);
        }

        if (moved is null)
        {
            await history.MarkDamagedAsync(build.Id, reason, ct);
            return;
        }

        await history.MarkQuarantinedAsync(build.Id, reason, moved, ct);
        LogQuarantined(logger, build.Id, moved);
        Trim();
    }

    /// <summary>Deletes the oldest quarantined files beyond the caps.</summary>
    public void Trim()
    {
        var maxFiles = options.Value.MaxFiles;
        var maxBytes = options.Value.MaxMegabytes * 1_000_000L;
        long bytes = 0;
        var kept = 0;
        foreach (var file in List())
        {
            if (kept < maxFiles && bytes + file.Length <= maxBytes)
            {
                kept++;
                bytes += file.Length;
                continue;
            }

            try
            {
                file.Delete();
                LogDropped(logger, file.Name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogNotDropped(logger, file.Name, e.Message);
            }
        }
    }

    /// <summary>What the quarantine holds now.</summary>
    public QuarantineSummary Summarize()
    {
        var list = List();
        return list.Count == 0
            ? new QuarantineSummary(0, 0, null, null)
            : new QuarantineSummary(list.Count, list.Sum(f => f.Length), list[0].Name, new DateTimeOffset(list[0].LastWriteTimeUtc, TimeSpan.Zero));
    }

    /// <summary>The quarantined files, newest first.</summary>
    private List<FileInfo> List()
    {
        var folder = new DirectoryInfo(Folder);
        return folder.Exists
            ? [.. folder.EnumerateFiles().OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)]
            : [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index build {BuildId}'s damaged file was moved to {Path}")]
    private static partial void LogQuarantined(ILogger logger, int buildId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index build {BuildId}'s damaged file could not be moved to the quarantine: {Reason}")]
    private static partial void LogNotMoved(ILogger logger, int buildId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the quarantined index file {Name}: beyond the quarantine's caps")]
    private static partial void LogDropped(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The quarantined index file {Name} could not be deleted: {Reason}")]
    private static partial void LogNotDropped(ILogger logger, string name, string reason);
}
