namespace VisualRecSys.Web.Features.Feedback;

/// <summary>
/// Human precision of one query category: the share of thumbs up among the results people labelled for queries of
/// that category (the results shown were each query's top k, so this is a precision@k as people judge it).
/// </summary>
/// <param name="Category">The query category; null for uploaded-image queries, which have none.</param>
/// <param name="Labels">Labels given.</param>
/// <param name="ThumbsUp">Of which thumbs up.</param>
public sealed record HumanPrecision(string? Category, int Labels, int ThumbsUp)
{
    /// <summary>ThumbsUp / Labels; null without labels.</summary>
    public double? Precision => Labels == 0 ? null : (double)ThumbsUp / Labels;
}

/// <summary>Human precision per query category (named ones in ordinal order, uploads last) and over all labels.</summary>
public sealed record HumanPrecisionReport(IReadOnlyList<HumanPrecision> ByCategory, HumanPrecision Overall)
{
    /// <summary>The figures of <paramref name="category"/>, or null when it has no labels.</summary>
    public HumanPrecision? For(string category) => ByCategory.FirstOrDefault(p => p.Category == category);
}
