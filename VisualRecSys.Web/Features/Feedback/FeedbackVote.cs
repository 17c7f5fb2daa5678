namespace VisualRecSys.Web.Features.Feedback;

/// <summary>A thumbs up (+1) or down (−1) on one result of one query, by one person.</summary>
/// <param name="QueryKey">See <see cref="Data.Feedback.QueryKey"/>: <c>product:&lt;id&gt;</c> or <c>upload:&lt;sha256&gt;</c>.</param>
/// <param name="ResultProductId">The result the label is about.</param>
/// <param name="Label">+1 or −1.</param>
/// <param name="UserKey">The user or anonymous session.</param>
public sealed record FeedbackVote(string QueryKey, int ResultProductId, int Label, string UserKey)
{
    public static string ProductQuery(int productId) => $"product:{productId}";

    public static string UploadQuery(string hash) => $"upload:{hash}";
}
