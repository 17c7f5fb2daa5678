namespace VisualRecSys.Web.Heads;

/// <summary>
/// A head to train: at most <paramref name="Epochs"/> epochs (null: the default), on the vectors of
/// <paramref name="Backbone"/> (a model name or id; null: the configured model), with mirrored images as augmentation
/// and at query time unless <paramref name="Mirror"/> is false.
/// </summary>
public sealed record HeadTrainingRequest(int? Epochs = null, string? Backbone = null, bool Mirror = true);
