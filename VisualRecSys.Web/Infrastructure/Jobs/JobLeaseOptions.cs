namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>The background jobs' lease across replicas, bound from <c>VisualRecSys:Jobs</c>.</summary>
public sealed class JobLeaseOptions
{
    public const string SectionName = "VisualRecSys:Jobs";

    /// <summary>
    /// How long a lease lasts unless renewed (a running job renews it every third of this). A replica killed mid-job
    /// holds it this long at most: then another takes it over and records the job as interrupted. Default: 15 s.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(15);
}
