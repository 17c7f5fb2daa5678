using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>Index builds a killed process left running are recorded as failed at the next start, and their half-written files deleted.</summary>
internal sealed class InterruptedBuildRecovery(BuildHistory history, BuildFiles files) : IInterruptedWorkRecovery
{
    public async Task<int> FailInterruptedAsync(DateTimeOffset processStart, CancellationToken ct)
    {
        var failed = await history.FailRunningAsync(processStart, ct);
        files.DeleteLeftovers(processStart);
        return failed;
    }
}
