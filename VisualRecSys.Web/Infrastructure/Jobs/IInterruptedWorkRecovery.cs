namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>
/// Work a killed process left marked as running (an index build row), owned by the feature that records it.
/// <see cref="AdminJobs"/> runs every registered recovery once at start, before any job may begin.
/// </summary>
public interface IInterruptedWorkRecovery
{
    /// <summary>Marks failed what was started before <paramref name="processStart"/> and is still marked running.</summary>
    /// <returns>How many were marked failed.</returns>
    Task<int> FailInterruptedAsync(DateTimeOffset processStart, CancellationToken ct);
}
