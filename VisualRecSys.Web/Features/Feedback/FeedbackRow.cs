using VisualRecSys.Web.Features.Quality;

namespace VisualRecSys.Web.Features.Feedback;

/// <summary>One stored label with the categories of its query and result, as the feedback view and its CSV show it.</summary>
/// <param name="Id">The label's id.</param>
/// <param name="CreatedAt">When it was first given.</param>
/// <param name="UpdatedAt">When it was last given (a changed mind updates it).</param>
/// <param name="QueryKey"><c>product:&lt;id&gt;</c> or <c>upload:&lt;sha256&gt;</c>.</param>
/// <param name="QueryProductId">The query product; null for uploads.</param>
/// <param name="QueryCategory">Its category; null for uploads.</param>
/// <param name="ResultProductId">The result labelled.</param>
/// <param name="ResultCategory">Its category.</param>
/// <param name="Label">+1 or −1.</param>
/// <param name="IndexBuildId">The build that served the result, if known.</param>
/// <param name="ModelId">Its model, if known.</param>
/// <param name="UserKey">Who gave it (a user name or an anonymous session).</param>
public sealed record FeedbackRow(
    int Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string QueryKey,
    int? QueryProductId,
    string? QueryCategory,
    int ResultProductId,
    string ResultCategory,
    int Label,
    int? IndexBuildId,
    string? ModelId,
    string UserKey);

/// <summary>One page of labels, newest first, and how many match in all.</summary>
public sealed record FeedbackListing(int Total, IReadOnlyList<FeedbackRow> Rows);

/// <summary>Thumbs up and down given on one (query, result) pair, over all users.</summary>
public readonly record struct PairFeedback(int Up, int Down);
