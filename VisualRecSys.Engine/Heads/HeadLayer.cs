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
}
