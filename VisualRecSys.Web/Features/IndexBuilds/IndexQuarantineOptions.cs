namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// How many damaged index files <see cref="IndexQuarantine"/> keeps in <c>indexes/quarantine/</c>, bound from
/// <see cref="SectionName"/>. The newest files are kept within both caps; older ones are deleted.
/// </summary>
public sealed class IndexQuarantineOptions
{
    public const string SectionName = "VisualRecSys:IndexQuarantine";

    /// <summary>Damaged index files kept for inspection; 0 deletes them at once. Default: 3.</summary>
    public int MaxFiles { get; set; } = 3;

    /// <summary>Bytes the kept files may take together, in MB; 0 deletes them at once. Default: 500.</summary>
    public int MaxMegabytes { get; set; } = 500;
}
