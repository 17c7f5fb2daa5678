using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Heads.Training;

namespace VisualRecSys.Web.Heads;

/// <summary>Where a head training job is: embedding the images it needs (one view after the other), or an epoch done.</summary>
public sealed record HeadTrainingProgress(string Stage, EmbeddingProgress? Embedding, HeadEpoch? Epoch);
