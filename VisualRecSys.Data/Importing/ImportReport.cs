namespace VisualRecSys.Data.Importing;

/// <summary>What an import did.</summary>
/// <param name="Total">Source entries considered (Added + AlreadyPresent + Skipped).</param>
/// <param name="Added">Products inserted by this import.</param>
/// <param name="AlreadyPresent">Entries whose source key was already a product; left unchanged.</param>
/// <param name="Skipped">Entries not imported because their image (or annotation) is bad; see <see cref="SkipReasons"/>.</param>
/// <param name="SkipReasons">The first <see cref="MaxSkipReasons"/> skips, each "what: why".</param>
/// <param name="HeldOut">Entries deliberately not imported and not counted in <see cref="Total"/>: a folder catalog's <c>query</c> rows.</param>
/// <param name="Categories">Distinct categories of the considered entries; all of them exist in the database afterwards unless every entry of one was skipped.</param>
/// <param name="Elapsed">Wall-clock time of the import.</param>
public sealed record ImportReport(
    int Total,
    int Added,
    int AlreadyPresent,
    int Skipped,
    IReadOnlyList<string> SkipReasons,
    int HeldOut,
    int Categories,
    TimeSpan Elapsed)
{
    /// <summary>How many skip reasons a report keeps.</summary>
    public const int MaxSkipReasons = 10;
}
