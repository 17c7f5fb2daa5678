using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Heads.Training;

namespace VisualRecSys.Web.Features.Heads;

/// <summary>
/// Where a head training job is: embedding the images it needs (the products, then edited copies), a member's epoch
/// done, or a stage of the training (<see cref="Member"/> 0).
/// </summary>
public sealed record HeadTrainingProgress(string Stage, EmbeddingProgress? Embedding, HeadEpoch? Epoch, int Member = 0, int Members = 0);
