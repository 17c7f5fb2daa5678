namespace VisualRecSys.Engine.Heads;

/// <summary>Which of a head's layers serves as the embedding.</summary>
public enum HeadLayer
{
    /// <summary>The last hidden layer before its ReLU (the layer the article used).</summary>
    HiddenPreActivation,

    /// <summary>The last hidden layer after its ReLU.</summary>
    Hidden,

    /// <summary>The class scores before the softmax.</summary>
    Logits,

    /// <summary>The softmax of the class scores.</summary>
    Probabilities,

    /// <summary>
    /// The square roots of the softmax probabilities: the dot product of two is the Bhattacharyya coefficient of the two
    /// predictions, near 1 when they name the same category and near 0 when they confidently name different ones, flat
    /// within a category (so, fused with the backbone, the backbone orders products of one kind).
    /// </summary>
    RootProbabilities,
}
