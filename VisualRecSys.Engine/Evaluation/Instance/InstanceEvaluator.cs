using System.Diagnostics;
using System.Threading.Channels;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index.Exact;

namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>
/// Measures whether neighbours look like the query: a product photographed again (an edited copy of its catalog image,
/// or a data set's other photograph of the item) must find itself. Reports instance recall@1, recall@10 and mean
/// reciprocal rank overall, per edit kind and per category, and the searches that lost their original.
/// </summary>
public static class InstanceEvaluator
{
    /// <summary>Searches listed per category in <see cref="InstanceReport.LostOriginals"/>.</summary>
    public const int LostOriginalsPerCategory = 5;

    // Products edited per batch handed from the editing thread to the embedding one.
    private const int ProductsPerBatch = 8;

    /// <summary>Edits a sample of the gallery, embeds each copy through the upload path and ranks the gallery for it.</summary>
    /// <param name="input">Gallery, its vectors, the embedder, how to read images, copies and sample size.</param>
    /// <param name="imagesEmbedded">Receives how many copies are embedded (of sample × copies).</param>
    /// <param name="ct">Cancels between batches.</param>
    /// <exception cref="ArgumentException">The input is inconsistent (see <see cref="EditedInstanceInput.Validate"/>).</exception>
    /// <remarks>
    /// A product whose image cannot be read or decoded is skipped (and counted out of <see cref="InstanceReport.Queries"/>).
    /// Editing runs on a thread of its own while the model embeds the previous batch.
    /// </remarks>
    public static async Task<InstanceEvaluation> EvaluateEditsAsync(EditedInstanceInput input, IProgress<int>? imagesEmbedded = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var clock = Stopwatch.StartNew();
        var sample = QuerySample.Choose(input.Gallery, input.QueryLimit, input.Seed);
        var gallery = new EvaluationGallery(input.Embeddings, input.Gallery, input.Categories.Count);

        var batches = Channel.CreateBounded<EditedBatch>(new BoundedChannelOptions(4) { SingleReader = false, SingleWriter = true });
        var editing = Task.Run(() => EditAll(input, sample, batches.Writer, ct), ct);
        var capacity = sample.Length * input.EditsPerQuery;
        var queries = new InstanceQuery[capacity];
        var descriptions = new string[capacity];
        var dimension = input.Embeddings.Dimension;
        var vectors = new float[(long)capacity * dimension];
        var embedded = 0;

        // Two embedders at once: while one decodes and resizes its batch (one thread), the other's model run has the
        // cores; one alone leaves them idle during decoding (measured: 41 against 60 copies per second on 2 cores).
        async Task Consume()
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                var count = batch.Images.Count;
                input.Embedder.EmbedBatch(batch.Images, vectors.AsSpan(batch.Start * dimension, count * dimension));
                batch.Queries.CopyTo(queries, batch.Start);
                batch.Descriptions.CopyTo(descriptions, batch.Start);
                imagesEmbedded?.Report(Interlocked.Add(ref embedded, count));
            }
        }

        await Task.WhenAll(Task.Run(Consume, ct), Task.Run(Consume, ct));
        var (skipped, made) = await editing;
        var madeQueries = queries[..made];
        var ranking = new InstanceRanking(new ExactIndex(gallery.Matrix, input.Metric), id => id);
        var ranked = ranking.Rank(vectors.AsSpan(0, made * dimension), madeQueries, input.MaxDegreeOfParallelism, ct);
        return Assemble(InstanceGroundTruth.Edits, sample.Length - skipped, input.EditsPerQuery, input.Seed, madeQueries, descriptions[..made], ranked,
            gallery, input.Categories, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Ranks the gallery for each query image's stored vector; a gallery image of its item is relevant.</summary>
    /// <exception cref="ArgumentException">The input is inconsistent (see <see cref="ItemInstanceInput.Validate"/>).</exception>
    public static InstanceEvaluation EvaluateItems(ItemInstanceInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var clock = Stopwatch.StartNew();
        var sample = QuerySample.Choose(input.Queries, input.QueryLimit, input.Seed);
        var gallery = new EvaluationGallery(input.Embeddings, [.. input.Gallery.Select(g => new LabelledItem(g.Id, g.Category))], input.Categories.Count);
        var itemOf = input.Gallery.ToDictionary(g => g.Id, g => g.Item);

        var dimension = input.Embeddings.Dimension;
        var vectors = new float[(long)sample.Length * dimension];
        input.Embeddings.CopyVectors([.. sample.Select(q => q.Id)], vectors);
        var queries = sample.Select(q => new InstanceQuery(q.Id, q.Item, q.Category, null, 0)).ToArray();
        var ranking = new InstanceRanking(new ExactIndex(gallery.Matrix, input.Metric), id => itemOf[id]);
        var ranked = ranking.Rank(vectors, queries, input.MaxDegreeOfParallelism, ct);
        return Assemble(InstanceGroundTruth.ItemIds, sample.Length, 0, input.Seed, queries, [.. queries.Select(_ => "")], ranked,
            gallery, input.Categories, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Edits the sample in batches and hands them over; returns how many products were skipped and how many copies made.</summary>
    private static async Task<(int Skipped, int Made)> EditAll(EditedInstanceInput input, LabelledItem[] sample, ChannelWriter<EditedBatch> output, CancellationToken ct)
    {
        var skipped = 0;
        var made = 0;
        try
        {
            for (var first = 0; first < sample.Length; first += ProductsPerBatch)
            {
                var batch = new EditedBatch { Start = made };
                for (var position = first; position < Math.Min(first + ProductsPerBatch, sample.Length); position++)
                {
                    ct.ThrowIfCancellationRequested();
                    if (!TryEdit(input, sample[position], position, batch))
                    {
                        skipped++;
                    }
                }

                made += batch.Images.Count;
                if (batch.Images.Count > 0)
                {
                    await output.WriteAsync(batch, ct);
                }
            }
        }
        finally
        {
            output.Complete();
        }

        return (skipped, made);
    }

    private static bool TryEdit(EditedInstanceInput input, LabelledItem product, int position, EditedBatch batch)
    {
        var copies = new List<EditedImage>(input.EditsPerQuery);
        try
        {
            var image = input.ReadImage(product.Id);
            var family = ImageEdits.IsGrey(image, input.Limits) ? ImageEditKinds.ForGrey : ImageEditKinds.ForColour;
            for (var copy = 0; copy < input.EditsPerQuery; copy++)
            {
                var kind = EditPlan.KindOf(position, copy, input.EditsPerQuery, family);
                copies.Add(ImageEdits.Apply(image, kind, EditPlan.SeedOf(input.Seed, product.Id, copy), input.Limits));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidImageException)
        {
            // A catalog image that cannot be read is the catalog's problem, reported by its count, not the model's.
            return false;
        }

        foreach (var edited in copies)
        {
            batch.Images.Add(edited.Encoded);
            batch.Queries.Add(new InstanceQuery(product.Id, product.Id, product.Category, edited.Kind, edited.Seed));
            batch.Descriptions.Add(edited.Description);
        }

        return true;
    }

    private static InstanceEvaluation Assemble(InstanceGroundTruth truth, int products, int editsPerQuery, int seed,
        InstanceQuery[] queries, string[] descriptions, RankedQueries ranked,
        EvaluationGallery gallery, IReadOnlyList<string> categories, double seconds)
    {
        var overall = new InstanceTotals();
        var byEdit = new InstanceTotals[Enum.GetValues<ImageEditKind>().Length];
        var byCategory = new InstanceTotals[categories.Count];
        for (var q = 0; q < queries.Length; q++)
        {
            var rank = ranked.Ranks[q];
            overall.Add(rank);
            byCategory[queries[q].Category].Add(rank);
            if (queries[q].Edit is { } edit)
            {
                byEdit[(int)edit].Add(rank);
            }
        }

        var report = new InstanceReport
        {
            GroundTruth = truth,
            Queries = products,
            EditsPerQuery = editsPerQuery,
            Searches = queries.Length,
            Seed = seed,
            RecallAt1 = overall.RecallAt1,
            RecallAt10 = overall.RecallAt10,
            Mrr = overall.Mrr,
            RankDepth = InstanceRanking.Depth,
            PerEdit = [.. Enum.GetValues<ImageEditKind>().Where(kind => byEdit[(int)kind].Searches > 0).Select(kind => new InstanceEditReport
            {
                Edit = kind,
                Searches = byEdit[(int)kind].Searches,
                RecallAt1 = byEdit[(int)kind].RecallAt1,
                RecallAt10 = byEdit[(int)kind].RecallAt10,
                Mrr = byEdit[(int)kind].Mrr,
            })],
            LostOriginals = LostPerCategory(queries, descriptions, ranked, gallery, categories),
            Seconds = seconds,
        };
        return new InstanceEvaluation(report, [.. byCategory.Select(t => new InstanceCategoryFigures(t.Searches, t.RecallAt1, t.RecallAt10, t.Mrr))]);
    }

    private static LostOriginals[] LostPerCategory(InstanceQuery[] queries, string[] descriptions,
        RankedQueries ranked, EvaluationGallery gallery, IReadOnlyList<string> categories)
    {
        // Not found (rank 0) is the worst; then the deepest rank; ties by product and edit so the listing is stable.
        var lost = Enumerable.Range(0, queries.Length)
            .Where(q => ranked.Ranks[q] != 1)
            .OrderBy(q => ranked.Ranks[q] == 0 ? 0 : 1)
            .ThenByDescending(q => ranked.Ranks[q])
            .ThenBy(q => queries[q].Source)
            .ThenBy(q => queries[q].Edit)
            .ToLookup(q => queries[q].Category);
        return [.. categories.Select((name, c) => new LostOriginals
        {
            Category = name,
            Searches = [.. lost[c].Take(LostOriginalsPerCategory).Select(q => new LostOriginal
            {
                Source = queries[q].Source,
                Edit = queries[q].Edit,
                EditSeed = queries[q].EditSeed,
                Description = descriptions[q],
                Rank = ranked.Ranks[q] == 0 ? null : ranked.Ranks[q],
                Neighbours = [.. ranked.NeighboursOf(q).ToArray().Select(hit => new ReportedNeighbour(hit.Id, categories[gallery.CategoryOf(hit.Id)], hit.Score))],
            })],
        })];
    }

    /// <summary>Edited copies of a few products, ready to embed.</summary>
    private sealed class EditedBatch
    {
        /// <summary>Where the batch's copies go among all copies (their vectors, queries and descriptions).</summary>
        public required int Start { get; init; }

        public List<ReadOnlyMemory<byte>> Images { get; } = [];

        public List<InstanceQuery> Queries { get; } = [];

        public List<string> Descriptions { get; } = [];
    }
}
