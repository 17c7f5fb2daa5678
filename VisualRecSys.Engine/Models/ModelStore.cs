namespace VisualRecSys.Engine.Models;

/// <summary>Which of a model's embeddings stores a <see cref="ModelId"/> names.</summary>
public enum ModelStore
{
    /// <summary>The model's vectors of the products' own images: the store searched and indexed.</summary>
    Model,

    /// <summary>Its vectors of the mirrored images (<see cref="ModelId.MirroredSuffix"/>), an input of heads.</summary>
    Mirrored,

    /// <summary>Its vectors of seeded edited copies (<see cref="ModelId.EditedMarker"/>), used to train heads.</summary>
    Edited,
}
