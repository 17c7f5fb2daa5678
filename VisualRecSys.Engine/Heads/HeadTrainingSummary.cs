using System.Text.Json.Serialization;
using VisualRecSys.Engine.Evaluation;

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

    /// <summary>Networks in the ensemble (1 for heads trained before ensembles).</summary>
    [JsonPropertyName("members")]
    public int Members { get; init; } = 1;

    /// <summary>Products photographed again (edited) for the whitening, the training and the held-out instance figures.</summary>
    [JsonPropertyName("edited_copies")]
    public int EditedCopies { get; init; }

    /// <summary>Both axes on held-out products, for the backbone and every candidate, and which the rule chose; null for older heads.</summary>
    [JsonPropertyName("held_out")]
    public HeldOutFigures? HeldOut { get; init; }
}

/// <summary>What a head was chosen by: both axes on products held out of its training, for the raw backbone and each candidate.</summary>
/// <param name="Backbone">The raw backbone.</param>
/// <param name="Candidates">The head's class part alone, then each backbone share tried.</param>
/// <param name="Chosen">The name of the candidate <see cref="TwoAxisRule"/> chose.</param>
public sealed record HeldOutFigures(
    [property: JsonPropertyName("backbone")] TwoAxisFigures Backbone,
    [property: JsonPropertyName("candidates")] IReadOnlyList<TwoAxisFigures> Candidates,
    [property: JsonPropertyName("chosen")] string Chosen);
