using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;

namespace VisualRecSys.Web.Heads;

/// <summary>A trained and saved head, its file, the training run, and how long embedding the missing images took first.</summary>
public sealed record HeadTrainingOutcome(CategoryHead Head, string FilePath, HeadTrainingResult Training, string Split, TimeSpan EmbeddingTime);
