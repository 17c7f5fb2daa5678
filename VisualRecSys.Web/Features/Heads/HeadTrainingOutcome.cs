using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;

namespace VisualRecSys.Web.Features.Heads;

/// <summary>A trained and saved head, its file, the training (with its held-out figures), the split it learned from, and how long embedding took first.</summary>
public sealed record HeadTrainingOutcome(CategoryHead Head, string FilePath, RetrievalHeadResult Training, string Split, TimeSpan EmbeddingTime);
