using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Heads;

/// <summary>
/// Chooses the served model at start: it follows the active index build. When that build holds a head model's vectors
/// (e.g. after <c>build-index --model &lt;head id&gt; --activate</c>) and the head's file is usable, the app embeds and
/// searches with that head; with no active build, the shipped default head when it suits the catalog; otherwise the
/// configured backbone (<c>VisualRecSys:Embedding:Model</c>). A build of a model known only by imported vectors is served
/// with a <see cref="VectorsOnlyEmbedder"/>, which refuses photos. Later switches are the index builds' activation's.
/// </summary>
public sealed partial class ServedModelChoice(
    ServedModel served,
    ImageEmbedders embedders,
    HeadLibrary heads,
    VectorsOnlyModels vectorsOnly,
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    DataPaths paths,
    ILogger<ServedModelChoice> logger)
{
    /// <summary>Chooses the served model, makes it the one served, and returns its embedder.</summary>
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

        // The configured image model is loaded only when it is what serves (or a head's backbone): a vectors-only model
        // has no use for it, and loading ResNet18 costs seconds of a start at scale.
        IImageEmbedder? chosen = null;
        if (Engine.Models.ModelId.NamesHead(activeModel))
        {
            try
            {
                chosen = served.EmbedderFor(activeModel!);
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
            {
                // The head's file is missing or damaged: serve the backbone (its index is rebuilt) rather than nothing.
                LogHeadUnusable(logger, activeModel!, e.Message);
            }
        }
        else if (vectorsOnly.DimensionOf(activeModel) is int dimension)
        {
            // Imported vectors: products are searched by product; photos are refused until the model has a pipeline.
            chosen = new VectorsOnlyEmbedder(activeModel!, dimension);
        }

        chosen ??= embedders.Active;
        served.Use(chosen);
        return chosen;
    }

    /// <summary>
    /// The active build's model when no image pipeline makes its vectors (neither a registered model nor a head, e.g. the
    /// scale catalog's <c>fashion-mnist-projected</c> or vectors imported from elsewhere), else null. Such a model is served
    /// from its stored vectors alone: nothing is embedded at start, and uploads, which it cannot embed, are refused.
    /// </summary>
    public async Task<string?> StoredOnlyModelAsync(CancellationToken ct)
    {
        string? activeModel;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            activeModel = await db.IndexBuilds.AsNoTracking().Where(b => b.IsActive).Select(b => b.ModelId).SingleOrDefaultAsync(ct);
        }

        // Only a model whose vectors are stored here and that no registered model or head makes (see VectorsOnlyModels):
        // an active build of a model that is simply unknown is the usual start's problem to report, not this path's.
        return vectorsOnly.Contains(activeModel) ? activeModel : null;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "No index build is active: serving the default head {HeadId} ({File})")]
    private static partial void LogDefaultHead(ILogger logger, string headId, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The default head {Head} is not served ({Reason}); serving the configured backbone")]
    private static partial void LogDefaultHeadSkipped(ILogger logger, string head, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The active index build holds head model {HeadId}, which cannot be used ({Reason}); serving the configured backbone instead")]
    private static partial void LogHeadUnusable(ILogger logger, string headId, string reason);
}
