using System.CommandLine;
using System.Text.Json;
using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Web.Features.Quality;
using static System.FormattableString;

namespace VisualRecSys.Web.Cli;

/// <summary><c>evaluate</c>: retrieval quality of a model's stored vectors, and of the active index, on the catalog's splits.</summary>
internal static class EvaluateVerbs
{
    /// <summary>Largest --k: the worst-query listings and the report grow with k, and beyond 100 precision says little.</summary>
    public const int MaxK = EvaluationRequest.MaxK;

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static Command Evaluate(Option<DirectoryInfo?> dataDir)
    {
        var model = ModelOption.Create("Whose stored vectors to evaluate.");
        var k = new Option<int>("--k") { Description = $"Neighbours per query (1-{MaxK}).", DefaultValueFactory = _ => EvaluationInput.DefaultK }.Between(1, MaxK);
        var queries = new Option<int?>("--queries") { Description = $"Evaluate a sample of this many queries (seed {EvaluationInput.DefaultSeed}). Default: all." }.AtLeast(1);
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON to this file (its folder is created)." };
        var instanceEdits = new Option<int>("--instance-edits")
        {
            Description = Invariant($"Edited copies per sampled product for the instance figures (1-{EditedInstanceInput.MaxEditsPerQuery}); each must find its original. Ignored on a catalog with item ids."),
            DefaultValueFactory = _ => EditedInstanceInput.DefaultEditsPerQuery,
        }.Between(1, EditedInstanceInput.MaxEditsPerQuery);
        var instanceQueries = new Option<int>("--instance-queries")
        {
            Description = Invariant($"Gallery products (on a catalog with item ids: query images) sampled (seed {EvaluationInput.DefaultSeed}) for the instance figures; 0 for all."),
            DefaultValueFactory = _ => EditedInstanceInput.DefaultQueries,
        }.AtLeast(0);
        var noInstance = new Option<bool>("--no-instance") { Description = "Measure the category figures only (no instance figures, so no edited copies are embedded)." };
        var leaveOneOut = new Option<bool>("--leave-one-out")
        {
            Description = $"When no product has split {ProductSplit.Test} or {ProductSplit.Query} (the demo catalog), search every gallery product among the others, as the quality console does.",
        };
        var command = new Command(
            "evaluate",
            $"Precision@1/5/10 and mAP@k of a model's stored vectors, with the products of split {ProductSplit.Test} (else {ProductSplit.Query}) searched among those of split {ProductSplit.Train} (else {ProductSplit.Catalog}) and the category as ground truth; instance recall@1/@10 and MRR of edited copies of sampled gallery products, embedded as uploads are, finding their original; plus recall and latency of the active index build when it holds that model. On a catalog with item ids (import deepfashion-inshop: products of split {ProductSplit.Query} and {ProductSplit.Gallery} with item ids) the {ProductSplit.Query} products are searched among the {ProductSplit.Gallery} products, and the instance ground truth is the item ids: each query image must find a gallery image of its item (no edited copies).")
        {
            model, k, queries, json, instanceEdits, instanceQueries, noInstance, leaveOneOut,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            FileTargets.RefuseFolder(parse.GetValue(json), json.Name);
            using var host = CliHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var request = new EvaluationRequest(ModelOption.ResolveId(services, parse.GetValue(model)), parse.GetValue(k), parse.GetValue(queries))
            {
                InstanceEdits = parse.GetValue(noInstance) ? null : parse.GetValue(instanceEdits),
                InstanceQueryLimit = parse.GetValue(instanceQueries) is > 0 and var n ? n : null,
                LeaveOneOutWithoutQueries = parse.GetValue(leaveOneOut),
            };

            var bar = new ConsoleProgressBar(output, inPlace: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
            EvaluationOutcome outcome;
            try
            {
                outcome = await services.GetRequiredService<EvaluationService>().RunAsync(request, bar, ct);
            }
            catch (EvaluationUnavailableException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 1;
            }
            finally
            {
                bar.Finish();
            }

            Print(output, outcome);
            if (parse.GetValue(json) is { } file)
            {
                Directory.CreateDirectory(file.DirectoryName!);
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(outcome.Report, s_json) + "\n", ct);
                output.WriteLine($"Wrote {file.FullName}");
            }

            return 0;
        });
        return command;
    }

    private static void Print(TextWriter output, EvaluationOutcome outcome)
    {
        var report = outcome.Report;
        var sample = report.Queries < report.QueriesAvailable ? Invariant($" (a seeded sample of {report.QueriesAvailable:N0})") : "";
        output.WriteLine(outcome.LeaveOneOut
            ? Invariant($"Model {report.Model}, {report.Metric}, k = {report.K}: {report.Queries:N0} products of split {outcome.GallerySplit}{sample}, each searched among the others (leave-one-out).")
            : Invariant($"Model {report.Model}, {report.Metric}, k = {report.K}: {report.Queries:N0} queries of split {outcome.QuerySplit}{sample} against {report.Gallery:N0} products of split {outcome.GallerySplit}."));
        if (outcome.QueriesWithoutVector > 0 || outcome.GalleryWithoutVector > 0)
        {
            output.WriteLine(Invariant($"Skipped for want of a vector: {outcome.QueriesWithoutVector:N0} {outcome.QuerySplit} and {outcome.GalleryWithoutVector:N0} {outcome.GallerySplit} products."));
        }

        output.WriteLine(outcome.AnnNotMeasuredReason is { } reason
            ? $"ANN recall and latency not measured: {reason}."
            : Invariant($"ANN measured on index build {outcome.IndexBuildId}: {report.AnnIndex}."));
        if (outcome.InstanceNotMeasuredReason is { } instanceReason)
        {
            output.WriteLine($"Instance figures not measured: {instanceReason}.");
        }

        if (outcome.InstanceQueriesWithoutItemInGallery > 0)
        {
            output.WriteLine(Invariant($"Left out of the instance figures: {outcome.InstanceQueriesWithoutItemInGallery:N0} query images, as no gallery image of their item has a vector."));
        }

        output.WriteLine();
        output.Write(EvaluationTable.Text(report));
        output.WriteLine(report.Instance is { } instance
            ? Invariant($"Evaluated in {report.Seconds:F1} s (category) and {instance.Seconds:F1} s (instance: {(instance.GroundTruth == InstanceGroundTruth.Edits ? "editing, embedding and searching" : "searching with the stored vectors")}).")
            : Invariant($"Evaluated in {report.Seconds:F1} s."));
    }
}
