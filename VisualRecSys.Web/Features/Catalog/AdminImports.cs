using System.Globalization;
using VisualRecSys.Data.Importing.DeepFashion;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Data.Importing.Folder;
using VisualRecSys.Data.Importing;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Hosting;
using VisualRecSys.Web.Infrastructure.Jobs;
using VisualRecSys.Web.Infrastructure;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// Imports as admin jobs, chained with what makes the new products searchable: embed them with the served model, then
/// put them in the serving index (its delta buffer, or a rebuild when many are new, as at start).
/// </summary>
public sealed class AdminImports(
    AdminJobs jobs,
    IServiceProvider services,
    ProductEmbedder embedder,
    ServedModel servedModel,
    SearchIndexLoader loader,
    ProductDirectory directory,
    DataPaths paths)
{
    public const string Kind = "import";

    /// <summary>Starts an import job, or says why not.</summary>
    /// <exception cref="ArgumentException">A parameter is bad; the message names it.</exception>
    public Task<JobStart> StartAsync(AdminImportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Validate() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var title = $"Import {request.Kind}{(request.Source is null ? "" : $" from {request.Source}")}, then embed and index the new products";
        return jobs.TryStartAsync(Kind, title, (context, token) => RunAsync(request, context, token), ct);
    }

    private async Task<string> RunAsync(AdminImportRequest request, JobContext context, CancellationToken ct)
    {
        context.Stage("Importing", 0, "images");
        var progress = new InlineProgress<ImportProgress>(p => context.Report(p.Done, p.Total));
        var report = request.Kind switch
        {
            "folder" => await services.GetRequiredService<FolderImporter>().ImportAsync(new FolderImportOptions
            {
                ImagesDirectory = paths.Images,
                SourceDirectory = Path.GetFullPath(request.Source!),
                CsvPath = string.IsNullOrWhiteSpace(request.Csv) ? null : Path.GetFullPath(Path.Combine(request.Source!, request.Csv)),
            }, progress, ct),
            "fashion-mnist" => await services.GetRequiredService<FashionMnistImporter>().ImportAsync(new FashionMnistImportOptions
            {
                ImagesDirectory = paths.Images,
                SourceDirectory = string.IsNullOrWhiteSpace(request.Source) ? null : Path.GetFullPath(request.Source),
                LimitPerSplit = request.Limit,
            }, progress, ct),
            _ => await services.GetRequiredService<DeepFashionImporter>().ImportAsync(new DeepFashionImportOptions
            {
                ImagesDirectory = paths.Images,
                SourceDirectory = Path.GetFullPath(request.Source!),
            }, progress, ct),
        };
        directory.Invalidate();

        var served = await EmbedAndServeAsync(context, ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"{report.Added:N0} added, {report.AlreadyPresent:N0} already present, {report.Skipped:N0} skipped of {report.Total:N0}; {served}");
    }

    /// <summary>Embeds the products the served model lacks and puts them in the serving index; returns a line saying what serves.</summary>
    internal async Task<string> EmbedAndServeAsync(JobContext context, CancellationToken ct)
    {
        var modelId = servedModel.ModelId;
        context.Stage($"Embedding new products with {modelId}", 0, "images");
        var embedded = await embedder.EmbedMissingAsync(new ProductEmbedRequest(modelId),
            new InlineProgress<EmbeddingProgress>(p => context.Report(p.Done, p.Total)), ct);
        context.Stage("Updating the search index", IndexBuildRequest.DefaultTrees, "trees");
        var info = await loader.ServeAsync(embedded.Matrix, context.Counter(), ct);
        directory.Invalidate();
        return string.Create(CultureInfo.InvariantCulture,
            $"{embedded.Run.Embedded:N0} embedded; index build {info.BuildId} serves {info.Items + info.DeltaItems:N0} products ({info.DeltaItems:N0} in its delta buffer)");
    }
}
