using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Heads.Training;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Infrastructure;

namespace VisualRecSys.Web.Features.Heads;

/// <summary>
/// Trains the app's retrieval head (<see cref="RetrievalHeadTrainer"/>) on the train split (the catalog when there is
/// none): embeds whatever products lack a backbone vector and one edited copy of a sample of them, trains, and saves
/// the head as a model of its own, with the held-out figures on both axes it was chosen by.
/// </summary>
public sealed class HeadTrainingService(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    ProductEmbedder embedder,
    EmbeddingModelRegistry models,
    HeadLibrary heads)
{
    /// <summary>Trains, saves and returns a head.</summary>
    /// <exception cref="ArgumentException">The backbone is unknown, or there are too few training products or categories.</exception>
    public async Task<HeadTrainingOutcome> TrainAsync(HeadTrainingRequest request, IProgress<HeadTrainingProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backboneId = (request.Backbone is null ? models.Active : models.Get(request.Backbone)).Id;
        var options = new RetrievalHeadOptions();
        if (request.Epochs is int epochs)
        {
            options.Network.Epochs = epochs;
        }

        if (request.Members is int members)
        {
            options.Members = members;
        }

        var embedding = Stopwatch.StartNew();
        var original = (await embedder.EmbedMissingAsync(new ProductEmbedRequest(backboneId), Report(progress, "embedding images"), ct)).Matrix;
        SplitProducts products;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            products = await SplitProducts.LoadAsync(db, ct);
        }

        var selection = products.Select(ProductSplit.Train, ProductSplit.Catalog, original);
        var rows = selection.WithVector;
        // Only categories with training products become outputs: the head cannot learn the others.
        var used = rows.Select(p => p.Category).Distinct().Order().ToArray();
        if (used.Length < 2)
        {
            throw new ArgumentException($"A head needs training products in at least two categories; split '{selection.Split}' has {used.Length}.");
        }

        // Not the held-out seed: the same seed would draw the same products first, holding out most of the copies.
        var sample = Engine.Evaluation.QuerySample.Choose(rows, request.EditedCopies ?? HeadTrainingRequest.DefaultEditedCopies, HeadTrainingRequest.EditSeed);
        var copies = await embedder.EmbedEditedCopiesAsync(backboneId, [.. sample.Select(p => p.Id)], HeadTrainingRequest.EditSeed,
            Report(progress, "embedding edited copies"), ct);
        embedding.Stop();

        var output = used.Select((category, index) => (category, index)).ToDictionary(p => p.category, p => p.index);
        var rowOf = rows.Select((p, row) => (p.Id, row)).ToDictionary(p => p.Id, p => p.row);
        var copied = sample.Where(p => copies.TryGetRow(p.Id, out _)).Select(p => p.Id).ToArray();
        var input = new RetrievalHeadInput
        {
            Vectors = Gather(original, [.. rows.Select(p => p.Id)]),
            Labels = [.. rows.Select(p => output[p.Category])],
            Dimension = original.Dimension,
            Classes = used.Length,
            CopyVectors = Gather(copies, copied),
            CopyOf = [.. copied.Select(id => rowOf[id])],
        };
        var stages = progress is null ? null : new InlineProgress<RetrievalHeadProgress>(p =>
            progress.Report(new HeadTrainingProgress(p.Stage, null, p.Epoch, p.Member, p.Members)));
        var trained = await Task.Run(() => RetrievalHeadTrainer.Train(input, options, stages, ct), ct);

        var best = trained.Trainings.MaxBy(t => t.ValidationAccuracy)!;
        var summary = new HeadTrainingSummary
        {
            Epochs = trained.Trainings.Max(t => t.EpochsRun),
            BestEpoch = best.BestEpoch,
            ValidationAccuracy = trained.Trainings.Average(t => t.ValidationAccuracy),
            TrainingRows = best.TrainingRows,
            ValidationRows = best.ValidationRows,
            Seconds = trained.Elapsed.TotalSeconds,
            Seed = options.Seed,
            Members = trained.Members.Count,
            EditedCopies = trained.CopiesTrained + trained.CopiesValidated,
            HeldOut = new HeldOutFigures(trained.Backbone, trained.Candidates, trained.Chosen.Name),
        };
        var head = CategoryHead.Create(backboneId, [.. used.Select(c => products.Categories[c])], trained.Members, HeadLayer.RootProbabilities,
            mirrorAtQuery: false, summary, new HeadFusion(trained.Share, trained.Whitening), trained.Calibration);
        var path = heads.Save(head);
        return new HeadTrainingOutcome(head, path, trained, selection.Split, embedding.Elapsed);
    }

    private static float[] Gather(EmbeddingMatrix matrix, int[] ids)
    {
        var vectors = new float[ids.Length * matrix.Dimension];
        matrix.CopyVectors(ids, vectors);
        return vectors;
    }

    private static InlineProgress<Engine.Embedding.Pipeline.EmbeddingProgress>? Report(IProgress<HeadTrainingProgress>? progress, string stage) =>
        progress is null ? null : new(p => progress.Report(new HeadTrainingProgress(stage, p, null)));
}
