using Microsoft.AspNetCore.Components;

namespace VisualRecSys.Web.Components.Shared;

/// <summary>Turns on thumbs up/down in a product grid: the labels already given, and where new votes go.</summary>
/// <param name="Labels">Label (+1/−1) per product id, for products already voted on.</param>
/// <param name="OnVote">Receives (product id, +1 or −1).</param>
public sealed record FeedbackBinding(IReadOnlyDictionary<int, int> Labels, EventCallback<(int ProductId, int Label)> OnVote);
