using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Heads;

/// <summary>How a head was trained, kept in its file for the record.</summary>
public sealed record HeadTrainingSummary
{
    /// <summary>Epochs run (early stopping may end before the most allowed).</summary>
    [JsonPropertyName("epochs")]
    public int Epochs { get; init; }

    /// <summary>The epoch whose weights were kept.</summary>
    [JsonPropertyName("best_epoch")]
    public int BestEpoch { get; init; }

    /// <summary>Accuracy on the held-out training rows at that epoch.</summary>
    [JsonPropertyName("validation_accuracy")]
    public double ValidationAccuracy { get; init; }

    /// <summary>Rows trained on.</summary>
    [JsonPropertyName("training_rows")]
    public int TrainingRows { get; init; }

    /// <summary>Rows held out.</summary>
    [JsonPropertyName("validation_rows")]
    public int ValidationRows { get; init; }

    /// <summary>Seconds the training took (embedding excluded).</summary>
    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    /// <summary>Whether mirrored images were used as augmentation.</summary>
    [JsonPropertyName("mirror_augmentation")]
    public bool MirrorAugmentation { get; init; }

    /// <summary>The seed of the run.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; init; }
}
