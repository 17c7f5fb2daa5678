namespace VisualRecSys.Data;

/// <summary>The figures of one category in one <see cref="EvaluationRun"/>: means over the category's queries, 0 without queries.</summary>
public sealed class EvaluationCategoryResult
{
    /// <summary>Database-generated identifier.</summary>
    public int Id { get; set; }

    /// <summary>Foreign key of the run.</summary>
    public int EvaluationRunId { get; set; }

    /// <summary>The category's place in the report (0-based; the confusion matrix's row).</summary>
    public int Position { get; set; }

    /// <summary>The category's name at the time of the run (a snapshot: later renames do not change it).</summary>
    public required string Category { get; set; }

    /// <summary>Its queries evaluated.</summary>
    public int Queries { get; set; }

    /// <summary>Its items in the gallery.</summary>
    public int Gallery { get; set; }

    /// <summary>Mean precision@1.</summary>
    public double PrecisionAt1 { get; set; }

    /// <summary>Mean precision@5.</summary>
    public double PrecisionAt5 { get; set; }

    /// <summary>Mean precision@10.</summary>
    public double PrecisionAt10 { get; set; }

    /// <summary>Mean precision@k of the run's k.</summary>
    public double PrecisionAtK { get; set; }

    /// <summary>Mean average precision@k.</summary>
    public double MapAtK { get; set; }

    /// <summary>Mean ANN recall@k; <see langword="null"/> without an approximate index.</summary>
    public double? AnnRecallAtK { get; set; }

    /// <summary>Instance searches made from the category's products; <see langword="null"/> without an instance evaluation.</summary>
    public int? InstanceSearches { get; set; }

    /// <summary>Share of them that found their original first.</summary>
    public double? InstanceRecallAt1 { get; set; }

    /// <summary>Share of them with the original among the first 10 results.</summary>
    public double? InstanceRecallAt10 { get; set; }
}
