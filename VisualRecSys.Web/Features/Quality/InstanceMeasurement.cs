using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Infrastructure.Hosting;
using VisualRecSys.Web.Infrastructure;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>
/// The instance half of an evaluation: sampled gallery products are edited (<see cref="ImageEdits"/>) and each copy is
/// embedded by the model exactly as an upload is (<see cref="ServedModel.EmbedderFor"/>: decoding, preprocessing, the
/// head and its mirror view when it has them), then searched among the gallery's stored vectors.
/// </summary>
public sealed class InstanceMeasurement(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    DataPaths paths,
    ServedModel served,
    IOptions<EmbeddingOptions> embeddingOptions)
{
    /// <summary>Measures instance retrieval of <paramref name="embeddings"/>' model on <paramref name="gallery"/>, or says why it cannot.</summary>
    /// <param name="request">Copies per product and sample size (<see cref="EvaluationRequest.InstanceEdits"/> null: not measured).</param>
    /// <param name="embeddings">The model's stored vectors.</param>
    /// <param name="gallery">What is searched: the evaluation's gallery.</param>
    /// <param name="categories">The evaluation's categories.</param>
    /// <param name="metric">How the search ranks.</param>
    /// <param name="progress">Receives copies embedded out of copies to make.</param>
    /// <param name="ct">Cancels the measurement.</param>
    public async Task<(InstanceEvaluation? Evaluation, string? NotMeasuredReason)> MeasureAsync(EvaluationRequest request,
        EmbeddingMatrix embeddings, IReadOnlyList<LabelledItem> gallery, IReadOnlyList<string> categories, DistanceMetric metric,
        IProgress<EvaluationProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InstanceEdits is not int edits)
        {
            return (null, "not asked for");
        }

        IImageEmbedder embedder;
        try
        {
            embedder = served.EmbedderFor(request.ModelId);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            // Vectors made elsewhere (or by a head whose file is gone): no image can be embedded the way they were.
            return (null, $"model '{request.ModelId}' cannot embed images here ({e.Message})");
        }

        if (embedder is VectorsOnlyEmbedder)
        {
            // Vectors imported (import vectors): there is no image pipeline to embed the edited copies with.
            return (null, $"model '{request.ModelId}' cannot embed images here (it was imported as vectors and has no image pipeline)");
        }

        var files = await ImageFilesAsync(gallery, ct);
        var total = Math.Min(gallery.Count, request.InstanceQueryLimit ?? int.MaxValue) * edits;
        var input = new EditedInstanceInput
        {
            Embeddings = embeddings,
            Gallery = gallery,
            Categories = categories,
            Embedder = embedder,
            ReadImage = id => File.ReadAllBytes(files.GetValueOrDefault(id) ?? throw new FileNotFoundException($"Product {id} has no image file.")),
            EditsPerQuery = edits,
            QueryLimit = request.InstanceQueryLimit,
            Limits = ImageLimits.From(embeddingOptions.Value),
            Metric = metric,
        };
        var embedded = progress is null ? null : new InlineProgress<int>(done => progress.Report(new EvaluationProgress(done, total, EvaluationStage.Instance)));
        return (await InstanceEvaluator.EvaluateEditsAsync(input, embedded, ct), null);
    }

    /// <summary>The full path of each gallery product's image (products whose stored path leaves the images folder are left out).</summary>
    private async Task<Dictionary<int, string>> ImageFilesAsync(IReadOnlyList<LabelledItem> gallery, CancellationToken ct)
    {
        var wanted = gallery.Select(g => g.Id).ToHashSet();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var files = new Dictionary<int, string>(wanted.Count);
        await foreach (var product in db.Products.AsNoTracking().Select(p => new { p.Id, p.ImageFile }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (wanted.Contains(product.Id) && paths.ImageFile(product.ImageFile) is { } file)
            {
                files[product.Id] = file;
            }
        }

        return files;
    }
}
