namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// A trained head: the network of the epoch with the best validation accuracy, the epochs run, that accuracy, and how
/// long it took.
/// </summary>
public sealed record HeadTrainingResult(HeadNetwork Network, int EpochsRun, int BestEpoch, double ValidationAccuracy,
    int TrainingRows, int ValidationRows, TimeSpan Elapsed, IReadOnlyList<HeadEpoch> History);
