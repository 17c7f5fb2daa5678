using System.Text.Json;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;
using static VisualRecSys.Engine.Tests.Evaluation.LineGallery;

namespace VisualRecSys.Engine.Tests.Evaluation;

/// <summary>The report's JSON shape, which files, the database and the dashboard rely on.</summary>
public sealed class EvaluationReportJsonTests
{
    private static readonly EmbeddingMatrix s_embeddings = Embeddings((1, 1), (10, 0), (11, 2), (12, 3));

    private static EvaluationReport Report(bool approximate) => RetrievalEvaluator.Evaluate(
        Input(s_embeddings, [new(1, A)], [new(10, A), new(11, B), new(12, C)], k: 2) with
        {
            Approximate = approximate ? ApproximateIndex.Of(new ExactIndex(s_embeddings, DistanceMetric.Euclidean)) : null,
        });

    [Fact]
    public void Serialises_with_the_agreed_snake_case_names_whatever_the_options()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Report(approximate: true)));
        var root = json.RootElement;

        Assert.Superset(
            new HashSet<string>(["model", "k", "queries", "gallery", "precision_at_k", "precision_at_1", "precision_at_5", "precision_at_10",
                "map_at_k", "ann_recall_at_k", "latency_ms", "per_category", "confusion", "worst_queries", "seconds"]),
            NameSet(root));
        Assert.Equal(["p50", "p95", "p99"], Names(root.GetProperty("latency_ms")));
        Assert.Superset(
            new HashSet<string>(["category", "queries", "precision_at_k", "precision_at_1", "precision_at_5", "precision_at_10", "map_at_k", "ann_recall_at_k"]),
            NameSet(root.GetProperty("per_category")[0]));
        Assert.Equal(["categories", "counts"], Names(root.GetProperty("confusion")));
        Assert.Equal([1, 1, 0], root.GetProperty("confusion").GetProperty("counts")[0].EnumerateArray().Select(c => c.GetInt64()));
        var worst = root.GetProperty("worst_queries")[0];
        Assert.Equal("A", worst.GetProperty("category").GetString());
        var query = worst.GetProperty("queries")[0];
        Assert.Superset(new HashSet<string>(["id", "precision_at_k", "neighbours"]), NameSet(query));
        Assert.Equal(["id", "category", "score"], Names(query.GetProperty("neighbours")[0]));
        Assert.Equal((10, "A", -1.0), (query.GetProperty("neighbours")[0].GetProperty("id").GetInt32(),
            query.GetProperty("neighbours")[0].GetProperty("category").GetString(), query.GetProperty("neighbours")[0].GetProperty("score").GetDouble()));
    }

    [Fact]
    public void The_overall_figures_in_a_categorys_shape_match_the_top_level_and_stay_out_of_the_json()
    {
        var report = Report(approximate: true);

        var overall = report.Overall();

        Assert.Equal(("overall", report.Queries, report.Gallery), (overall.Category, overall.Queries, overall.Gallery));
        Assert.Equal((report.PrecisionAt1, report.PrecisionAt5, report.PrecisionAt10, report.PrecisionAtK, report.MapAtK, report.AnnRecallAtK),
            (overall.PrecisionAt1, overall.PrecisionAt5, overall.PrecisionAt10, overall.PrecisionAtK, overall.MapAtK, overall.AnnRecallAtK));
        Assert.Equal((null, null, null), (overall.InstanceSearches, overall.InstanceRecallAt1, overall.InstanceRecallAt10));
        Assert.Equal("all", report.Overall("all").Category);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));
        Assert.DoesNotContain("overall", NameSet(json.RootElement));
    }

    [Fact]
    public void Without_an_approximate_index_the_ann_fields_are_present_and_null()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Report(approximate: false)));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ann_recall_at_k").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("latency_ms").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("per_category")[0].GetProperty("ann_recall_at_k").ValueKind);
    }

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        var report = Report(approximate: true);

        var back = JsonSerializer.Deserialize<EvaluationReport>(JsonSerializer.Serialize(report))!;

        Assert.Equal(report.PerCategory, back.PerCategory);
        Assert.Equal(report.LatencyMs, back.LatencyMs);
        Assert.Equal((report.Model, report.PrecisionAtK, report.MapAtK, report.AnnRecallAtK), (back.Model, back.PrecisionAtK, back.MapAtK, back.AnnRecallAtK));
        Assert.Equal(report.WorstQueries[0].Queries[0].Neighbours, back.WorstQueries[0].Queries[0].Neighbours);
        Assert.Equal(report.Confusion.Counts.SelectMany(r => r), back.Confusion.Counts.SelectMany(r => r));
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static HashSet<string> NameSet(JsonElement element) => [.. Names(element)];
}
