using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;
using VisualRecSys.Web.Catalog;
using VisualRecSys.Web.Quality;

namespace VisualRecSys.Web.Heads;

/// <summary>
/// Trains a category head on the train split (the catalog when there is none) from the backbone's stored vectors,
/// embedding first whatever images lack a vector (and their mirror images, used as augmentation and at query time),
/// and saves it as a model of its own.
/// </summary>
public sealed class HeadTrainingService(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    ProductEmbedder embedder,
    EmbeddingModelRegistry models,
    HeadModels heads)
{
    /// <summary>Trains, saves and returns a head.</summary>
    /// <exception cref="ArgumentException">The backbone is unknown, or fewer than two categories have training products.</exception>
    public async Task<HeadTrainingOutcome> TrainAsync(HeadTrainingRequest request, IProgress<HeadTrainingProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backboneId = (request.Backbone is null ? models.Active : models.Get(request.Backbone)).Id;
        var options = new HeadTrainingOptions();
        if (request.Epochs is int epochs)
        {
            options.Epochs = epochs;
        }

        var embedding = Stopwatch.StartNew();
        var original = (await embedder.EmbedMissingAsync(new ProductEmbedRequest(backboneId),
            Report(progress, "embedding images"), ct)).Matrix;
        var mirrored = request.Mirror
            ? (await embedder.EmbedMissingAsync(new ProductEmbedRequest(backboneId, View: ImageView.Mirrored),
                Report(progress, "embedding mirror images"), ct)).Matrix
            : null;
        embedding.Stop();

        SplitProducts products;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            products = await SplitProducts.LoadAsync(db, ct);
        }

        var selection = products.Select(ProductSplit.Train, ProductSplit.Catalog, original);
        var rows = selection.WithVector.Where(p => mirrored is null || mirrored.TryGetRow(p.Id, out _)).ToArray();

        // Only categories with training products become outputs: the head cannot learn the others.
        var used = rows.Select(p => p.Category).Distinct().Order().ToArray();
        if (used.Length < 2)
        {
            throw new ArgumentException($"A head needs training products in at least two categories; split '{selection.Split}' has {used.Length}.");
        }

        var output = used.Select((category, index) => (category, index)).ToDictionary(p => p.category, p => p.index);
        var dimension = original.Dimension;
        var set = new HeadTrainingSet(Gather(original, rows), [.. rows.Select(p => output[p.Category])], dimension, used.Length,
            mirrored is null ? null : Gather(mirrored, rows));
        var training = await Task.Run(() => HeadTrainer.Train(set, options,
            progress is null ? null : new InlineProgress<HeadEpoch>(e => progress.Report(new HeadTrainingProgress("training", null, e))), ct), ct);

        var summary = new HeadTrainingSummary
        {
            Epochs = training.EpochsRun,
            BestEpoch = training.BestEpoch,
            ValidationAccuracy = training.ValidationAccuracy,
            TrainingRows = training.TrainingRows,
            ValidationRows = training.ValidationRows,
            Seconds = training.Elapsed.TotalSeconds,
            MirrorAugmentation = mirrored is not null,
            Seed = options.Seed,
        };
        var head = CategoryHead.Create(backboneId, [.. used.Select(c => products.Categories[c])], training.Network, options.EmbeddingLayer,
            mirrorAtQuery: mirrored is not null, summary);
        var path = heads.Save(head);
        return new HeadTrainingOutcome(head, path, training, selection.Split, embedding.Elapsed);
    }

    private static float[] Gather(Engine.Index.EmbeddingMatrix matrix, Engine.Evaluation.LabelledItem[] rows)
    {
        var vectors = new float[rows.Length * matrix.Dimension];
        matrix.CopyVectors([.. rows.Select(p => p.Id)], vectors);
        return vectors;
    }

    private static InlineProgress<Engine.Embedding.Pipeline.EmbeddingProgress>? Report(IProgress<HeadTrainingProgress>? progress, string stage) =>
        progress is null ? null : new(p => progress.Report(new HeadTrainingProgress(stage, p, null)));
}
