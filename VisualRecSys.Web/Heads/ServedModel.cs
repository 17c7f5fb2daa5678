using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;

namespace VisualRecSys.Web.Heads;

/// <summary>
/// The model the app searches with. It follows the active index build: when that build holds a head model's vectors
/// (e.g. after <c>build-index --model &lt;head id&gt; --activate</c>) and the head's file is usable, the app embeds and
/// searches with that head; otherwise with the configured backbone (<c>VisualRecSys:Embedding:Model</c>).
/// </summary>
public sealed partial class ServedModel(
    ImageEmbedders embedders,
    HeadModels heads,
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    ILogger<ServedModel> logger)
{
    private volatile IImageEmbedder? _current;

    /// <summary>The embedder of the served model (the configured backbone until <see cref="ResolveAsync"/> chose).</summary>
    public IImageEmbedder Embedder => _current ?? embedders.Active;

    /// <summary>The served model's id.</summary>
    public string ModelId => Embedder.ModelId;

    /// <summary>The served model's id once it is chosen (at the catalog's preparation), without loading any model; else null.</summary>
    public string? ChosenModelId => _current?.ModelId;

    /// <summary>Chooses the served model from the active build and returns its embedder.</summary>
    public async Task<IImageEmbedder> ResolveAsync(CancellationToken ct)
    {
        string? activeModel;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            activeModel = await db.IndexBuilds.AsNoTracking().Where(b => b.IsActive).Select(b => b.ModelId).SingleOrDefaultAsync(ct);
        }

        IImageEmbedder chosen = embedders.Active;
        if (CategoryHead.IsHeadId(activeModel))
        {
            try
            {
                chosen = EmbedderFor(activeModel!);
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
            {
                // The head's file is missing or damaged: serve the backbone (its index is rebuilt) rather than nothing.
                LogHeadUnusable(logger, activeModel!, e.Message);
            }
        }

        _current = chosen;
        return chosen;
    }

    /// <summary>The embedder of model <paramref name="modelId"/>: a head on its backbone, or a configured backbone model.</summary>
    /// <exception cref="ArgumentException">No such model (or head file).</exception>
    /// <exception cref="InvalidDataException">The head's file is damaged.</exception>
    public IImageEmbedder EmbedderFor(string modelId)
    {
        if (CategoryHead.IsHeadId(modelId))
        {
            var head = heads.Get(modelId);
            return new HeadImageEmbedder(embedders.Get(head.BackboneModelId), head);
        }

        return embedders.Get(modelId);
    }

    /// <summary>
    /// Serves <paramref name="embedder"/>'s model from now on: called when a build of another model is activated at run
    /// time, just before that build's index replaces the serving one.
    /// </summary>
    public void Use(IImageEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var previous = _current?.ModelId;
        _current = embedder;
        if (previous != embedder.ModelId)
        {
            LogSwitched(logger, previous ?? embedders.Models.Active.Id, embedder.ModelId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {ModelId} instead of {PreviousModelId}")]
    private static partial void LogSwitched(ILogger logger, string previousModelId, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The active index build holds head model {HeadId}, which cannot be used ({Reason}); serving the configured backbone instead")]
    private static partial void LogHeadUnusable(ILogger logger, string headId, string reason);
}
