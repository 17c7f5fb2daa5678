using System.Globalization;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Infrastructure;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Heads;

/// <summary>
/// Head training as an admin job (the <c>train-head</c> verb's work), followed by embedding the products with the new
/// head (seconds: it runs on stored backbone vectors), so an index build of the head can be made and activated next.
/// The job's result names the head's figures on both axes (held-out products) beside the backbone's.
/// </summary>
public sealed class AdminHeads(AdminJobs jobs, HeadTrainingService training, ProductEmbedder embedder)
{
    public const string Kind = "head";
    public const int MaxEpochs = 1_000;
    public const int MaxMembers = 16;
    public const int MinEditedCopies = 100;
    public const int MaxEditedCopies = 100_000;

    /// <summary>Starts a head training job, or says why not.</summary>
    /// <exception cref="ArgumentException">A parameter is bad; the message names it.</exception>
    public Task<JobStart> StartAsync(HeadTrainingRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Epochs is < 1 or > MaxEpochs)
        {
            throw new ArgumentException($"'epochs' must be between 1 and {MaxEpochs:N0}; got {request.Epochs}.");
        }

        if (request.Members is < 1 or > MaxMembers)
        {
            throw new ArgumentException($"'members' must be between 1 and {MaxMembers}; got {request.Members}.");
        }

        if (request.EditedCopies is < MinEditedCopies or > MaxEditedCopies)
        {
            throw new ArgumentException($"'editedCopies' must be between {MinEditedCopies:N0} and {MaxEditedCopies:N0}; got {request.EditedCopies}.");
        }

        var title = string.Create(CultureInfo.InvariantCulture,
            $"Train a retrieval head on {request.Backbone ?? "the configured backbone"}{(request.Epochs is { } e ? $", {e} epochs" : "")}{(request.Members is { } m ? $", {m} networks" : "")}");
        return jobs.TryStartAsync(Kind, title, (context, token) => RunAsync(request, context, token), ct);
    }

    private async Task<string> RunAsync(HeadTrainingRequest request, JobContext context, CancellationToken ct)
    {
        string? stage = null;
        var progress = new InlineProgress<HeadTrainingProgress>(p =>
        {
            var (name, done, total, unit) = p.Epoch is { } epoch
                ? (string.Create(CultureInfo.InvariantCulture, $"Training network {p.Member} of {p.Members}"), epoch.Epoch, epoch.Epochs, "epochs")
                : (Capitalize(p.Stage), p.Embedding?.Done ?? 0, p.Embedding?.Total ?? 0, "images");
            if (name != stage)
            {
                stage = name;
                context.Stage(name, total, unit);
            }

            context.Report(done, total);
        });
        var outcome = await training.TrainAsync(request, progress, ct);
        context.Stage($"Embedding the products with {outcome.Head.Id}", 0, "products");
        await embedder.EmbedMissingAsync(new ProductEmbedRequest(outcome.Head.Id),
            new InlineProgress<EmbeddingProgress>(p => context.Report(p.Done, p.Total)), ct);
        var chosen = outcome.Training.Chosen;
        var backbone = outcome.Training.Backbone;
        return string.Create(CultureInfo.InvariantCulture,
            $"Head {outcome.Head.Id} ({chosen.Name}), on held-out products: category P@10 {chosen.CategoryPrecisionAt10:F3} (backbone {backbone.CategoryPrecisionAt10:F3}), instance R@1 {chosen.InstanceRecallAt1:F3} (backbone {backbone.InstanceRecallAt1:F3}), R@10 {chosen.InstanceRecallAt10:F3}; products embedded with it: build an index of it to serve it");
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
