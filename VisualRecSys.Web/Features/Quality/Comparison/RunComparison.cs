using System.Globalization;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Web.Features.Quality.Comparison;

/// <summary>
/// Two completed runs side by side (A the baseline, B the candidate): the overall row, then every category of either
/// run (A's order, then B's others), each figure of both ground truths with its difference and whether it improved or
/// regressed; and the instance figures per edit kind.
/// </summary>
public sealed class RunComparison
{
    /// <summary>The name of the overall row.</summary>
    public const string OverallName = "overall";

    private RunComparison(EvaluationRunView a, EvaluationRunView b, CategoryComparison overall, IReadOnlyList<CategoryComparison> categories,
        IReadOnlyList<EditComparison> edits, IReadOnlyList<string> caveats)
    {
        A = a;
        B = b;
        Overall = overall;
        Categories = categories;
        Edits = edits;
        Caveats = caveats;
    }

    /// <summary>The baseline run.</summary>
    public EvaluationRunView A { get; }

    /// <summary>The run compared with it.</summary>
    public EvaluationRunView B { get; }

    /// <summary>The overall figures.</summary>
    public CategoryComparison Overall { get; }

    /// <summary>Per category.</summary>
    public IReadOnlyList<CategoryComparison> Categories { get; }

    /// <summary>The instance figures overall (first) and per edit kind; empty when neither run measured them.</summary>
    public IReadOnlyList<EditComparison> Edits { get; }

    /// <summary>Why the figures may not be like for like (different k, queries or gallery); empty when they are.</summary>
    public IReadOnlyList<string> Caveats { get; }

    /// <summary>Compares two completed runs' reports.</summary>
    /// <exception cref="ArgumentException">A run did not complete (it has no figures).</exception>
    public static RunComparison Of(EvaluationRunView a, EvaluationReport? reportA, EvaluationRunView b, EvaluationReport? reportB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var ra = reportA ?? throw new ArgumentException($"Run {a.Id} has not completed; only completed runs can be compared.", nameof(reportA));
        var rb = reportB ?? throw new ArgumentException($"Run {b.Id} has not completed; only completed runs can be compared.", nameof(reportB));

        var overall = Compare(OverallName, ra.Overall(OverallName), rb.Overall(OverallName));
        var inA = ra.PerCategory.ToDictionary(c => c.Category, StringComparer.Ordinal);
        var inB = rb.PerCategory.ToDictionary(c => c.Category, StringComparer.Ordinal);
        var names = ra.PerCategory.Select(c => c.Category).Concat(rb.PerCategory.Select(c => c.Category).Where(n => !inA.ContainsKey(n)));
        var categories = names.Select(name => Compare(name, inA.GetValueOrDefault(name), inB.GetValueOrDefault(name))).ToList();
        return new RunComparison(a, b, overall, categories, EditComparison.Of(ra.Instance, rb.Instance), CaveatsOf(a, ra, b, rb));
    }

    private static CategoryComparison Compare(string name, CategoryReport? a, CategoryReport? b)
    {
        // A category without queries in a run has no figures there (the report's zeros are not measurements).
        var hasA = a is { Queries: > 0 };
        var hasB = b is { Queries: > 0 };
        MetricChange Change(Func<CategoryReport, double?> figure) => new(hasA ? figure(a!) : null, hasB ? figure(b!) : null);
        // Instance figures count the category's searches, not its queries: a category may have one without the other.
        var searchedA = a is { InstanceSearches: > 0 };
        var searchedB = b is { InstanceSearches: > 0 };
        MetricChange Instance(Func<CategoryReport, double?> figure) => new(searchedA ? figure(a!) : null, searchedB ? figure(b!) : null);
        return new CategoryComparison(name, a?.Queries ?? 0, b?.Queries ?? 0,
            Change(c => c.PrecisionAt1), Change(c => c.PrecisionAt5), Change(c => c.PrecisionAt10), Change(c => c.MapAtK), Change(c => c.AnnRecallAtK),
            Instance(c => c.InstanceRecallAt1), Instance(c => c.InstanceRecallAt10));
    }

    private static List<string> CaveatsOf(EvaluationRunView a, EvaluationReport ra, EvaluationRunView b, EvaluationReport rb)
    {
        var caveats = new List<string>();
        if (ra.K != rb.K)
        {
            caveats.Add($"The runs use different k ({ra.K} and {rb.K}): mAP@k and ANN recall@k are not measured alike.");
        }

        if (ra.Queries != rb.Queries || a.QuerySplit != b.QuerySplit || ra.Gallery != rb.Gallery || a.GallerySplit != b.GallerySplit)
        {
            caveats.Add($"The runs searched different data ({ra.Queries:N0} queries of {a.QuerySplit} against {ra.Gallery:N0} of {a.GallerySplit}, "
                + $"and {rb.Queries:N0} of {b.QuerySplit} against {rb.Gallery:N0} of {b.GallerySplit}).");
        }

        if (ra.Metric != rb.Metric)
        {
            caveats.Add($"The runs rank by different metrics ({ra.Metric} and {rb.Metric}).");
        }

        if (ra.Instance is null || rb.Instance is null)
        {
            foreach (var run in new[] { (Run: a, Report: ra), (Run: b, Report: rb) }.Where(r => r.Report.Instance is null).Select(r => r.Run))
            {
                caveats.Add($"Run {run.Id} has no instance figures ({run.InstanceNotMeasuredReason ?? "not measured"}): they are not compared.");
            }
        }
        else if (ra.Instance.GroundTruth != rb.Instance.GroundTruth || ra.Instance.Searches != rb.Instance.Searches
            || ra.Instance.EditsPerQuery != rb.Instance.EditsPerQuery || ra.Instance.Seed != rb.Instance.Seed)
        {
            caveats.Add($"The instance figures come from different searches ({Searches(ra.Instance)}, and {Searches(rb.Instance)}).");
        }

        return caveats;
    }

    /// <summary>What an instance evaluation searched with, e.g. <c>400 searches: 100 products × 4 edits, seed 42</c>.</summary>
    internal static string Searches(InstanceReport instance) => instance.GroundTruth == InstanceGroundTruth.Edits
        ? string.Create(CultureInfo.InvariantCulture, $"{instance.Searches:N0} searches: {instance.Queries:N0} products × {instance.EditsPerQuery} edit{(instance.EditsPerQuery == 1 ? "" : "s")}, seed {instance.Seed}")
        : string.Create(CultureInfo.InvariantCulture, $"{instance.Searches:N0} searches with the data set's own photographs, seed {instance.Seed}");
}
