using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>
/// The model the app searches with, as index builds need it: the model a rebuild indexes when none is named, and the one
/// switched when a build of another model is activated. Owned here and implemented by the Heads feature (a served model
/// is a head or a backbone), so index builds never reference the Heads feature: Heads depends on IndexBuilds, not the reverse.
/// </summary>
public interface IServedModel
{
    /// <summary>The served model's id (the configured backbone until the served model is chosen).</summary>
    string ModelId { get; }

    /// <summary>The served model's id once it is chosen (at the catalog's preparation), without loading any model; else null.</summary>
    string? ChosenModelId { get; }

    /// <summary>The embedder of model <paramref name="modelId"/>, to check it can serve before anything switches.</summary>
    /// <exception cref="ArgumentException">No such model (or head file).</exception>
    /// <exception cref="InvalidDataException">The head's file is damaged.</exception>
    /// <exception cref="IOException">The model's file cannot be read.</exception>
    IImageEmbedder EmbedderFor(string modelId);

    /// <summary>Serves <paramref name="embedder"/>'s model from now on (just before its build's index replaces the serving one).</summary>
    void Use(IImageEmbedder embedder);
}

/// <summary>
/// Told when activation has switched what serves, so features that cache what the index serves (the catalog's product
/// directory and status) refresh. Owned here, implemented and registered by those features.
/// </summary>
public interface IBuildActivationObserver
{
    /// <summary>Build <paramref name="info"/> serves now, over <paramref name="products"/> products with vectors.</summary>
    void Activated(ActiveIndexInfo info, int products);
}
