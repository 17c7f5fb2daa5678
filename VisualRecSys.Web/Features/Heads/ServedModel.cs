using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Heads;

/// <summary>
/// The model the app searches with. It follows the active index build: when that build holds a head model's vectors
/// (e.g. after <c>build-index --model &lt;head id&gt; --activate</c>) and the head's file is usable, the app embeds and
/// searches with that head; otherwise with the configured backbone (<c>VisualRecSys:Embedding:Model</c>).
/// </summary>
public sealed partial class ServedModel(
    ImageEmbedders embedders,
    HeadModels heads,
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    DataPaths paths,
    ILogger<ServedModel> logger) : IServedModel
{
    private volatile IImageEmbedder? _current;

    /// <summary>The embedder of the served model (the configured backbone until <see cref="ResolveAsync"/> chose).</summary>
    public IImageEmbedder Embedder => _current ?? embedders.Active;

    /// <summary>The served model's id.</summary>
    public string ModelId => Embedder.ModelId;

    /// <summary>The served model's id once it is chosen (at the catalog's preparation), without loading any model; else null.</summary>
    public string? ChosenModelId => _current?.ModelId;

    /// <summary>
    /// Chooses the served model from the active build and returns its embedder; with no active build, the default head
    /// (<see cref="DataPaths.DefaultHead"/>) when it suits the catalog, else the configured backbone.
    /// </summary>
    public async Task<IImageEmbedder> ResolveAsync(CancellationToken ct)
    {
        string? activeModel;
        string[] categories;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            activeModel = await db.IndexBuilds.AsNoTracking().Where(b => b.IsActive).Select(b => b.ModelId).SingleOrDefaultAsync(ct);
            categories = activeModel is null ? [.. await db.Products.AsNoTracking().Select(p => p.Category!.Name).Distinct().ToListAsync(ct)] : [];
        }

        activeModel ??= DefaultHeadFor(categories);

        IImageEmbedder chosen = embedders.Active;
        if (Engine.Models.ModelId.NamesHead(activeModel))
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

    /// <summary>
    /// The default head's model id when there is one, it is sound, its backbone is the configured model and it knows
    /// every category of the catalog (a head trained on other categories would sort the catalog into them); else null.
    /// </summary>
    private string? DefaultHeadFor(string[] categories)
    {
        if (paths.DefaultHead is not { } file || categories.Length == 0)
        {
            return null;
        }

        try
        {
            var head = heads.Install(file);
            if (head.BackboneModelId != embedders.Models.Active.Id)
            {
                LogDefaultHeadSkipped(logger, head.Id, $"it takes vectors of {head.BackboneModelId}, the configured model is {embedders.Models.Active.Id}");
                return null;
            }

            var unknown = categories.Where(c => !head.Categories.Contains(c)).ToList();
            if (unknown.Count > 0)
            {
                LogDefaultHeadSkipped(logger, head.Id, $"it does not know the catalog's categories {string.Join(", ", unknown.Take(5))}");
                return null;
            }

            LogDefaultHead(logger, head.Id, file);
            return head.Id;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            LogDefaultHeadSkipped(logger, file, e.Message);
            return null;
        }
    }

    /// <summary>The embedder of model <paramref name="modelId"/>: a head on its backbone, or a configured backbone model.</summary>
    /// <exception cref="ArgumentException">No such model (or head file).</exception>
    /// <exception cref="InvalidDataException">The head's file is damaged.</exception>
    public IImageEmbedder EmbedderFor(string modelId)
    {
        if (Engine.Models.ModelId.NamesHead(modelId))
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

    [LoggerMessage(Level = LogLevel.Information, Message = "No index build is active: serving the default head {HeadId} ({File})")]
    private static partial void LogDefaultHead(ILogger logger, string headId, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The default head {Head} is not served ({Reason}); serving the configured backbone")]
    private static partial void LogDefaultHeadSkipped(ILogger logger, string head, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {ModelId} instead of {PreviousModelId}")]
    private static partial void LogSwitched(ILogger logger, string previousModelId, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The active index build holds head model {HeadId}, which cannot be used ({Reason}); serving the configured backbone instead")]
    private static partial void LogHeadUnusable(ILogger logger, string headId, string reason);
}
