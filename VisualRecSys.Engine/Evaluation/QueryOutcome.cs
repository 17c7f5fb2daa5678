namespace VisualRecSys.Engine.Evaluation;

/// <summary>
/// The figures of one query: precision at 1, 5, 10 and k, average precision@k, and the recall@k of the approximate
/// search (0 when there is none; the report then shows null).
/// </summary>
internal readonly record struct QueryOutcome(
    double PrecisionAt1, double PrecisionAt5, double PrecisionAt10, double PrecisionAtK, double AveragePrecision, double AnnRecall);
