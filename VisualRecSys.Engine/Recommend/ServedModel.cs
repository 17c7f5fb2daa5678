using Microsoft.Extensions.Logging;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;

namespace VisualRecSys.Engine.Recommend;

/// <summary>
/// The model queries are embedded with: the configured backbone until another is chosen, then a head on its backbone or
/// another backbone. The app chooses at start (from the active index build) and switches when a build of another model
/// is activated, just before that build's index replaces the serving one, so a query never meets vectors of a model it
/// was not embedded with for longer than one request.
/// </summary>
public sealed partial class ServedModel(ImageEmbedders embedders, HeadLibrary heads, VectorsOnlyModels vectorsOnly, ILogger<ServedModel> logger)
{
    private volatile IImageEmbedder? _current;

    /// <summary>The embedder of the served model (the configured backbone until one is chosen).</summary>
    public IImageEmbedder Embedder => _current ?? embedders.Active;

    /// <summary>The served model's id.</summary>
    public string ModelId => Embedder.ModelId;

    /// <summary>The served model's id once it is chosen, without loading any model; else null.</summary>
    public string? ChosenModelId => _current?.ModelId;

    /// <summary>
    /// The embedder of model <paramref name="modelId"/>: a head on its backbone, a configured backbone model, or, for a model
    /// known only by imported vectors, a <see cref="VectorsOnlyEmbedder"/> that refuses images.
    /// </summary>
    /// <exception cref="ArgumentException">No such model (or head file).</exception>
    /// <exception cref="InvalidDataException">The head's file is damaged.</exception>
    /// <exception cref="IOException">The model's file cannot be read.</exception>
    public IImageEmbedder EmbedderFor(string modelId)
    {
        if (Models.ModelId.NamesHead(modelId))
        {
            var head = heads.Get(modelId);
            return new HeadImageEmbedder(embedders.Get(head.BackboneModelId), head);
        }

        if (vectorsOnly.DimensionOf(modelId) is int dimension)
        {
            return new VectorsOnlyEmbedder(modelId, dimension);
        }

        return embedders.Get(modelId);
    }

    /// <summary>Serves <paramref name="embedder"/>'s model from now on.</summary>
    public void Use(IImageEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var previous = _current?.ModelId ?? embedders.Models.Active.Id;
        _current = embedder;
        if (previous != embedder.ModelId)
        {
            LogSwitched(logger, previous, embedder.ModelId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {ModelId} instead of {PreviousModelId}")]
    private static partial void LogSwitched(ILogger logger, string previousModelId, string modelId);
}
