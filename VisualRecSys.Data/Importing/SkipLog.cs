namespace VisualRecSys.Data.Importing;

/// <summary>Counts skipped entries and keeps the first few reasons, in source order.</summary>
internal sealed class SkipLog
{
    private readonly List<string> _reasons = [];

    public int Count { get; private set; }

    public IReadOnlyList<string> Reasons => _reasons;

    public void Add(string label, string problem)
    {
        Count++;
        if (_reasons.Count < ImportReport.MaxSkipReasons)
        {
            _reasons.Add($"{label}: {problem}");
        }
    }
}
