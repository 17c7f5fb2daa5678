using Microsoft.AspNetCore.Components;
using VisualRecSys.Web.Features.Feedback;

namespace VisualRecSys.Web.Components.Shared;

/// <summary>Turns on thumbs up/down in a product grid: the labels already given, and where new votes go.</summary>
/// <param name="Labels">Label (+1/−1) per product id, for products already voted on.</param>
/// <param name="OnVote">Receives (product id, +1 or −1).</param>
public sealed record FeedbackBinding(IReadOnlyDictionary<int, int> Labels, EventCallback<(int ProductId, int Label)> OnVote)
{
    /// <summary>
    /// The binding a results page needs for one query: this session's labels on it, and votes stored under it (a
    /// stored vote updates the labels shown). Null without a session, when votes cannot be anyone's.
    /// </summary>
    /// <param name="store">Where labels are kept.</param>
    /// <param name="sessionId">The anonymous session (from the host page's cookie), or null.</param>
    /// <param name="queryKey">The query the results answer (<see cref="FeedbackVote.ProductQuery"/> or <see cref="FeedbackVote.UploadQuery"/>).</param>
    /// <param name="page">The component that re-renders after a vote.</param>
    public static async Task<FeedbackBinding?> LoadAsync(FeedbackStore store, string? sessionId, string queryKey, IHandleEvent page)
    {
        if (sessionId is null)
        {
            return null;
        }

        var user = SessionCookie.UserKey(sessionId);
        var labels = await store.LabelsAsync(user, queryKey, CancellationToken.None);
        return new FeedbackBinding(labels, EventCallback.Factory.Create<(int ProductId, int Label)>(page, async vote =>
        {
            var (outcome, _) = await store.RecordAsync(new FeedbackVote(queryKey, vote.ProductId, vote.Label, user), CancellationToken.None);
            if (outcome == FeedbackOutcome.Stored)
            {
                labels[vote.ProductId] = vote.Label;
            }
        }));
    }
}
