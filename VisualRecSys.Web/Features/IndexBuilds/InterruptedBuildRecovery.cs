using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>Index builds a killed process left running are recorded as failed at the next start.</summary>
internal sealed class InterruptedBuildRecovery(SearchIndexBuilds builds) : IInterruptedWorkRecovery
{
    public Task<int> FailInterruptedAsync(DateTimeOffset processStart, CancellationToken ct) => builds.FailInterruptedAsync(processStart, ct);
}
