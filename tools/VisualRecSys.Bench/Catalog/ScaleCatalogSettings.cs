namespace VisualRecSys.Bench.Catalog;

/// <summary>What <c>make-catalog</c> was asked for.</summary>
internal sealed record ScaleCatalogSettings
{
    public required int Count { get; init; }
    public required int Dimension { get; init; }
    public required int Seed { get; init; }

    /// <summary>Fashion-MNIST folder, or null for the default.</summary>
    public string? Source { get; init; }
}
