namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>
/// A condition every admin job waits for, owned by the feature that knows it (the catalog: not while it is being
/// prepared). <see cref="AdminJobs"/> asks every registered gate before it starts a job.
/// </summary>
public interface IAdminJobGate
{
    /// <summary>Why no admin job may start now, in a sentence for the admin; null when one may.</summary>
    string? WhyNotNow();
}
