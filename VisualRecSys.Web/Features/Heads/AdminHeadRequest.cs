namespace VisualRecSys.Web.Features.Heads;

/// <summary>A head training request of the admin API; null parts take the <c>train-head</c> verb's defaults.</summary>
public sealed record AdminHeadRequest(int? Epochs = null, string? Backbone = null, int? Members = null, int? EditedCopies = null);
