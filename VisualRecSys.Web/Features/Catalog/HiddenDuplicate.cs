namespace VisualRecSys.Web.Features.Catalog;

/// <summary>A product hidden from the store as a duplicate.</summary>
/// <param name="KeptInStore">
/// The product the store shows in its place: the one kept when it was hidden, while that one is in the store (not removed,
/// not hidden itself); null otherwise.
/// </param>
public sealed record HiddenDuplicate(int? KeptInStore);
