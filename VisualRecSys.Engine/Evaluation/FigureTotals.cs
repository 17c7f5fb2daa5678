namespace VisualRecSys.Engine.Evaluation;

/// <summary>Sums of query figures, for means over all queries or over one category's.</summary>
internal struct FigureTotals
{
    private double _precisionAt1;
    private double _precisionAt5;
    private double _precisionAt10;
    private double _precisionAtK;
    private double _averagePrecision;
    private double _annRecall;

    /// <summary>Queries added.</summary>
    public int Queries { readonly get; private set; }

    public void Add(in QueryOutcome outcome)
    {
        Queries++;
        _precisionAt1 += outcome.PrecisionAt1;
        _precisionAt5 += outcome.PrecisionAt5;
        _precisionAt10 += outcome.PrecisionAt10;
        _precisionAtK += outcome.PrecisionAtK;
        _averagePrecision += outcome.AveragePrecision;
        _annRecall += outcome.AnnRecall;
    }

    // A category without queries reports 0, not 0/0 = NaN (which JSON cannot even hold).
    public readonly double PrecisionAt1 => Mean(_precisionAt1);

    public readonly double PrecisionAt5 => Mean(_precisionAt5);

    public readonly double PrecisionAt10 => Mean(_precisionAt10);

    public readonly double PrecisionAtK => Mean(_precisionAtK);

    public readonly double MeanAveragePrecision => Mean(_averagePrecision);

    public readonly double AnnRecall => Mean(_annRecall);

    private readonly double Mean(double sum) => Queries == 0 ? 0 : sum / Queries;
}
