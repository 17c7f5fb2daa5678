namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>Sums over instance searches, for means overall, per edit or per category.</summary>
internal struct InstanceTotals
{
    private int _foundFirst;
    private int _foundInTen;
    private double _reciprocalRanks;

    public int Searches { readonly get; private set; }

    /// <summary>Adds a search whose first relevant item ranked <paramref name="rank"/> (0: not found).</summary>
    public void Add(int rank)
    {
        Searches++;
        _foundFirst += rank == 1 ? 1 : 0;
        _foundInTen += rank is >= 1 and <= 10 ? 1 : 0;
        _reciprocalRanks += rank > 0 ? 1.0 / rank : 0;
    }

    // No searches report 0, not NaN (which JSON cannot hold).
    public readonly double RecallAt1 => Searches == 0 ? 0 : (double)_foundFirst / Searches;

    public readonly double RecallAt10 => Searches == 0 ? 0 : (double)_foundInTen / Searches;

    public readonly double Mrr => Searches == 0 ? 0 : _reciprocalRanks / Searches;
}
