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
                var head = heads.Get(activeModel!);
                chosen = new HeadImageEmbedder(embedders.Get(head.BackboneModelId), head);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The active index build holds head model {HeadId}, which cannot be used ({Reason}); serving the configured backbone instead")]
    private static partial void LogHeadUnusable(ILogger logger, string headId, string reason);
}
