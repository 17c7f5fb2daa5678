using SkiaSharp;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using static VisualRecSys.Engine.Tests.Evaluation.LineGallery;

namespace VisualRecSys.Engine.Tests.Evaluation.Instance;

/// <summary>
/// Instance figures on hand-made cases, on a line compared by Euclidean distance (exact scores). Gallery: 10 at 0 (item 1),
/// 11 at 3 (item 2), 12 at 3 (item 3), 13 at 7 (item 4), 14 at 8 (item 1 again). Queries and their ranks:
/// <list type="bullet">
/// <item>1 at 0, item 1: 10 first, rank 1.</item>
/// <item>2 at 3, item 3: 11 and 12 tie at distance 0; the tie counts against it: rank 2.</item>
/// <item>3 at 7.4, item 1: 13 (0.4) then 14 (0.6): rank 2.</item>
/// <item>4 at 5, item 9: no gallery image of it: not found (rank 0).</item>
/// </list>
/// </summary>
public sealed class InstanceEvaluatorTests
{
    private static readonly ItemImage[] s_gallery = [new(10, A, 1), new(11, A, 2), new(12, B, 3), new(13, C, 4), new(14, C, 1)];

    private static InstanceEvaluation EvaluateLine(params (int Id, float X, int Item, int Category)[] queries)
    {
        var positions = new List<(int Id, float X)> { (10, 0), (11, 3), (12, 3), (13, 7), (14, 8) };
        positions.AddRange(queries.Select(q => (q.Id, q.X)));
        var embeddings = new EmbeddingMatrix("line-model", 2, [.. positions.Select(p => p.Id)], [.. positions.SelectMany(p => new[] { p.X, 0f })]);
        return InstanceEvaluator.EvaluateItems(new ItemInstanceInput
        {
            Embeddings = embeddings,
            Queries = [.. queries.Select(q => new ItemImage(q.Id, q.Category, q.Item))],
            Gallery = s_gallery,
            Categories = Categories,
            Metric = DistanceMetric.Euclidean,
        });
    }

    [Fact]
    public void Recall_and_mean_reciprocal_rank_worked_out_by_hand()
    {
        var result = EvaluateLine((1, 0, 1, A), (2, 3, 3, B), (3, 7.4f, 1, C), (4, 5, 9, C));
        var report = result.Report;

        Assert.Equal((InstanceGroundTruth.ItemIds, 4, 0, 4), (report.GroundTruth, report.Queries, report.EditsPerQuery, report.Searches));
        Assert.Equal(0.25, report.RecallAt1, 12);
        Assert.Equal(0.75, report.RecallAt10, 12);
        Assert.Equal((1 + 0.5 + 0.5 + 0) / 4, report.Mrr, 12);
        Assert.Empty(report.PerEdit);
    }

    [Fact]
    public void The_original_first_scores_one_on_every_figure()
    {
        var report = EvaluateLine((1, 0.2f, 1, A)).Report;

        Assert.Equal((1.0, 1.0, 1.0), (report.RecallAt1, report.RecallAt10, report.Mrr));
        Assert.All(report.LostOriginals, l => Assert.Empty(l.Searches));
    }

    [Fact]
    public void A_tie_with_another_item_counts_against_the_query_whichever_id_is_lower()
    {
        // 11 (item 2) and 12 (item 3) sit at the same point: either query ranks 2.
        var report = EvaluateLine((2, 3, 3, B), (5, 3, 2, A)).Report;

        Assert.Equal(0, report.RecallAt1);
        Assert.Equal(0.5, report.Mrr, 12);
        Assert.Equal([2, 2], report.LostOriginals.SelectMany(l => l.Searches).Select(s => s.Rank));
    }

    [Fact]
    public void An_absent_original_is_listed_first_among_the_lost_with_no_rank()
    {
        var result = EvaluateLine((3, 7.4f, 1, C), (4, 5, 9, C));

        var lost = result.Report.LostOriginals[C].Searches;
        Assert.Equal([4, 3], lost.Select(s => s.Source));
        Assert.Equal([null, 2], lost.Select(s => s.Rank));
        Assert.Equal([13, 14, 11, 12, 10], lost[1].Neighbours.Select(n => n.Id));
        Assert.Equal((2, 0.0, 0.5), (result.PerCategory[C].Searches, result.PerCategory[C].RecallAt1, result.PerCategory[C].RecallAt10));
        Assert.Equal(0, result.PerCategory[A].Searches);
    }

    [Fact]
    public async Task Edited_copies_go_through_the_embedder_and_each_finds_its_original()
    {
        // Five products of clearly different colours; an embedder that sees the mean colour finds each copy's original.
        SKColor[] colours = [SKColors.Red, SKColors.Blue, SKColors.Lime, SKColors.Yellow, SKColors.Magenta];
        var images = colours.Select((c, i) => (Id: i + 1, Bytes: TestImages.Solid(48, 32, SKColors.White, c))).ToDictionary(p => p.Id, p => p.Bytes);
        var embedder = new MeanColourEmbedder();
        var embeddings = embedder.EmbedAll(images);

        var result = await InstanceEvaluator.EvaluateEditsAsync(new EditedInstanceInput
        {
            Embeddings = embeddings,
            Gallery = [.. images.Keys.Select(id => new LabelledItem(id, id % 3))],
            Categories = Categories,
            Embedder = embedder,
            ReadImage = id => images[id],
            EditsPerQuery = 3,
        });

        var report = result.Report;
        Assert.Equal((InstanceGroundTruth.Edits, 5, 3, 15), (report.GroundTruth, report.Queries, report.EditsPerQuery, report.Searches));
        Assert.Equal(15, embedder.Embedded);
        Assert.Equal(15, report.PerEdit.Sum(e => e.Searches));
        Assert.Equal(1.0, report.RecallAt10);
        Assert.True(report.RecallAt1 >= 0.8, $"recall@1 {report.RecallAt1}");
        Assert.Equal(15, result.PerCategory.Sum(c => c.Searches));
    }

    [Fact]
    public async Task A_product_whose_image_cannot_be_read_is_skipped_and_not_counted()
    {
        var images = new Dictionary<int, byte[]> { [1] = TestImages.Solid(40, 40, SKColors.White, SKColors.Red), [2] = TestImages.Solid(40, 40, SKColors.White, SKColors.Blue) };
        var embedder = new MeanColourEmbedder();
        var embeddings = embedder.EmbedAll(images);

        var result = await InstanceEvaluator.EvaluateEditsAsync(new EditedInstanceInput
        {
            Embeddings = embeddings,
            Gallery = [new LabelledItem(1, A), new LabelledItem(2, B)],
            Categories = Categories,
            Embedder = embedder,
            ReadImage = id => id == 2 ? throw new FileNotFoundException("gone") : images[id],
            EditsPerQuery = 2,
        });

        Assert.Equal((1, 2), (result.Report.Queries, result.Report.Searches));
    }

    [Fact]
    public async Task Copies_embedded_by_one_model_are_never_searched_among_another_models_vectors()
    {
        var embedder = new MeanColourEmbedder();
        var other = new EmbeddingMatrix("other-model", 3, [1], [1f, 0f, 0f]);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => InstanceEvaluator.EvaluateEditsAsync(new EditedInstanceInput
        {
            Embeddings = other,
            Gallery = [new LabelledItem(1, A)],
            Categories = Categories,
            Embedder = embedder,
            ReadImage = _ => [],
        }));
        Assert.Contains("other-model", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A model whose vector is an image's mean colour: cheap, and edits of distinct solid colours stay apart.</summary>
    private sealed class MeanColourEmbedder : IImageEmbedder
    {
        private int _embedded;

        public string ModelId => "mean-colour";

        public int Dimension => 3;

        public ExecutionProviderInfo Provider => new(ExecutionProviderInfo.CpuName, "test");

        public int Embedded => _embedded;

        public EmbeddingMatrix EmbedAll(IReadOnlyDictionary<int, byte[]> images)
        {
            var vectors = new float[images.Count * 3];
            var ids = images.Keys.ToArray();
            for (var i = 0; i < ids.Length; i++)
            {
                Mean(images[ids[i]], vectors.AsSpan(i * 3, 3));
            }

            return new EmbeddingMatrix(ModelId, 3, ids, vectors);
        }

        public void Embed(ReadOnlySpan<byte> encodedImage, Span<float> destination)
        {
            Interlocked.Increment(ref _embedded);
            Mean(encodedImage, destination);
        }

        public void Embed(ReadOnlySpan<byte> encodedImage, CropRegion region, Span<float> destination) =>
            throw new NotSupportedException("Instance evaluation embeds whole images.");

        public void EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, Span<float> destination)
        {
            for (var i = 0; i < encodedImages.Count; i++)
            {
                Embed(encodedImages[i].Span, destination.Slice(i * 3, 3));
            }
        }

        private static void Mean(ReadOnlySpan<byte> encoded, Span<float> destination)
        {
            using var bitmap = SKBitmap.Decode(encoded.ToArray());
            double r = 0, g = 0, b = 0;
            foreach (var pixel in bitmap.Pixels)
            {
                r += pixel.Red;
                g += pixel.Green;
                b += pixel.Blue;
            }

            var n = bitmap.Pixels.Length * 255.0;
            destination[0] = (float)((r / n) - 0.5);
            destination[1] = (float)((g / n) - 0.5);
            destination[2] = (float)((b / n) - 0.5);
        }
    }
}
