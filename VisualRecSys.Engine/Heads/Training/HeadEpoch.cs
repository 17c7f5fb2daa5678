namespace VisualRecSys.Engine.Heads.Training;

/// <summary>One finished epoch: mean training loss, accuracy on the held-out rows, time since training started, and whether it is the best so far.</summary>
public sealed record HeadEpoch(int Epoch, int Epochs, double Loss, double ValidationAccuracy, TimeSpan Elapsed, bool Best);
