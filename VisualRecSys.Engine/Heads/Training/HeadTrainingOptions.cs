namespace VisualRecSys.Engine.Heads.Training;

/// <summary>How a head is trained. The defaults are the settings measured best on Fashion-MNIST (see README).</summary>
public sealed class HeadTrainingOptions
{
    /// <summary>Widths of the hidden layers.</summary>
    public IReadOnlyList<int> Hidden { get; set; } = [1024];

    /// <summary>Most passes over the training rows; early stopping usually ends sooner.</summary>
    public int Epochs { get; set; } = 30;

    /// <summary>Rows per gradient step.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Adam's step size at the start; it decays along a half cosine to a hundredth of this by the last epoch.</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>Decoupled weight decay (AdamW) of the weights.</summary>
    public float WeightDecay { get; set; } = 1e-4f;

    /// <summary>Probability of dropping a hidden unit during training.</summary>
    public float Dropout { get; set; } = 0.3f;

    /// <summary>Share of the target moved from the label to all categories (label smoothing).</summary>
    public float LabelSmoothing { get; set; } = 0.1f;

    /// <summary>Whether backbone vectors are scaled to unit length before standardising.</summary>
    public bool NormalizeInputLength { get; set; } = true;

    /// <summary>Share of the training rows held out to choose the epoch (early stopping).</summary>
    public double ValidationShare { get; set; } = 0.1;

    /// <summary>Epochs without a better validation accuracy before training stops.</summary>
    public int Patience { get; set; } = 10;

    /// <summary>Seed of the initial weights, the validation split, the batch order and dropout.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>The layer used as the embedding.</summary>
    public HeadLayer EmbeddingLayer { get; set; } = HeadLayer.Logits;

    /// <summary>A copy of these options with another <see cref="Seed"/> (the members of an ensemble).</summary>
    public HeadTrainingOptions WithSeed(int seed) => new()
    {
        Hidden = Hidden,
        Epochs = Epochs,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        WeightDecay = WeightDecay,
        Dropout = Dropout,
        LabelSmoothing = LabelSmoothing,
        NormalizeInputLength = NormalizeInputLength,
        ValidationShare = ValidationShare,
        Patience = Patience,
        Seed = seed,
        EmbeddingLayer = EmbeddingLayer,
    };
}
