using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// Keeps this process serving the build the database flags active: replicas sharing one database switch within
/// <see cref="ActiveBuildFollowerOptions.FollowEvery"/> of an activation on any of them (and a single app follows a verb's
/// <c>build-index --activate</c>). It waits until the catalog's preparation serves a first index; a build that cannot be
/// served here is logged once, and the build that serves keeps serving.
/// </summary>
public sealed partial class ActiveBuildFollower(
    BuildActivation activation,
    ActiveIndex activeIndex,
    IOptions<ActiveBuildFollowerOptions> options,
    ILogger<ActiveBuildFollower> logger) : BackgroundService
{
    // The last refusal logged: the same one is not logged again every tick.
    private string? _refused;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FollowEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (activeIndex.Info is null)
            {
                continue; // the preparation at start chooses (and may rebuild) the first build itself
            }

            await FollowOnceAsync(stoppingToken);
        }
    }

    private async Task FollowOnceAsync(CancellationToken ct)
    {
        try
        {
            if (await activation.FollowAsync(ct) is { } info)
            {
                _refused = null;
                LogSwitched(logger, info.BuildId);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (IsDatabaseUnreachable(e))
        {
            // The database is briefly unreachable (a restart, a failover): the next tick asks again.
            LogDatabaseUnavailable(logger, e.GetBaseException().Message);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            if (_refused != e.Message)
            {
                _refused = e.Message;
                LogRefused(logger, e.Message, activeIndex.Info?.BuildId);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> says the database could not be reached rather than that the build cannot serve here.
    /// Checked before the refusals: on PostgreSQL the provider's execution strategy wraps a lost connection in an
    /// <see cref="InvalidOperationException"/> ("likely due to a transient failure"), which the replica tests saw logged
    /// as "the build activated elsewhere cannot be served here" while the server was down.
    /// </summary>
    internal static bool IsDatabaseUnreachable(Exception e) =>
        e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException
        || e is InvalidOperationException { InnerException: System.Data.Common.DbException };

    [LoggerMessage(Level = LogLevel.Information, Message = "Now serving index build {BuildId}, activated elsewhere")]
    private static partial void LogSwitched(ILogger logger, int? buildId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The build activated elsewhere cannot be served here ({Reason}); build {BuildId} keeps serving")]
    private static partial void LogRefused(ILogger logger, string reason, int? buildId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read which build is active: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason);
}
