namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// Everything a forest is made of, as flat regions that are either managed arrays (just built) or views of a
/// memory-mapped file (opened): the search code reads both the same way.
/// </summary>
internal sealed class ForestData
{
    public required DistanceMetric Metric { get; init; }
    public required int Dimension { get; init; }
    public required int Count { get; init; }

    /// <summary>Dimension of the split space (principal components, plus one for the dot-product transform).</summary>
    public required int SplitDimension { get; init; }

    /// <summary>
    /// Principal components kept per row: the split space's coordinates first, then further ones used only to shortlist
    /// candidates (equal to <see cref="SplitDimension"/> for Dot, whose last split coordinate is the dot transform's).
    /// </summary>
    public required int ProjectedDimension { get; init; }

    /// <summary>Rows of <see cref="Projection"/>, which is also how many coordinates the shortlist scores compare.</summary>
    public int ProjectionRows => Metric == DistanceMetric.Dot ? SplitDimension - 1 : ProjectedDimension;

    /// <summary>Principal components the trees split on (the dot transform's extra coordinate excluded).</summary>
    public int SplitComponents => Metric == DistanceMetric.Dot ? SplitDimension - 1 : SplitDimension;

    public required int TreeCount { get; init; }
    public required int LeafSize { get; init; }
    public required int DefaultSearchK { get; init; }

    /// <summary>Candidates kept per result after split-space scoring, for exact ranking (0: rank all exactly).</summary>
    public required int ShortlistFactor { get; init; }
    public required long Seed { get; init; }
    public required string ModelId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The largest vector norm, for the dot-product transform (0 for other metrics).</summary>
    public required float MaxNorm { get; init; }

    /// <summary>Count × Dimension, row-major; L2-normalized for Angular.</summary>
    public required ReadOnlyMemory<float> Vectors { get; init; }

    /// <summary>Squared norm per row (Euclidean scoring as |x|² + |q|² − 2x·q).</summary>
    public required ReadOnlyMemory<float> SquaredNorms { get; init; }

    /// <summary>External id per row.</summary>
    public required ReadOnlyMemory<int> Ids { get; init; }

    /// <summary>ProjectionRows × Dimension: the principal directions, leading first.</summary>
    public required ReadOnlyMemory<float> Projection { get; init; }

    /// <summary>
    /// Count × <see cref="CodeStride"/>: every row's first <see cref="ProjectionRows"/> principal components as
    /// <see cref="ShortlistCodes"/> (empty when <see cref="ShortlistFactor"/> is 0: nothing is shortlisted).
    /// </summary>
    public required ReadOnlyMemory<sbyte> Codes { get; init; }

    /// <summary>CodeStride floats (empty without a shortlist): the float each code step stands for, per component (0 in the padding).</summary>
    public required ReadOnlyMemory<float> CodeScales { get; init; }

    /// <summary>Count squared lengths of the decoded codes, for Euclidean shortlists (empty for the other metrics).</summary>
    public required ReadOnlyMemory<float> CodeSquaredNorms { get; init; }

    /// <summary>
    /// Count residual lengths (see <see cref="ShortlistCodes.ResidualLengths"/>), or empty (no shortlist, or a file
    /// from before format 3: those shortlist on the components alone).
    /// </summary>
    public required ReadOnlyMemory<float> CodeResiduals { get; init; }

    /// <summary>The <see cref="ShortlistCodes.ResidualWeight"/> the index was built with (0 without <see cref="CodeResiduals"/>).</summary>
    public required float ResidualWeight { get; init; }

    /// <summary>Bytes per row of <see cref="Codes"/>.</summary>
    public int CodeStride => ShortlistCodes.StrideFor(ProjectionRows);

    /// <summary>Whether queries shortlist candidates on the codes before ranking them exactly.</summary>
    public bool HasShortlist => ShortlistFactor > 0;

    /// <summary>InnerCount × SplitDimension: split normals.</summary>
    public required ReadOnlyMemory<float> Normals { get; init; }

    /// <summary>InnerCount: split offsets (margin = offset + normal·y; always 0 for angular and dot splits).</summary>
    public required ReadOnlyMemory<float> Offsets { get; init; }

    /// <summary>InnerCount × 2: (negative side, positive side) as <see cref="NodeRef"/>s.</summary>
    public required ReadOnlyMemory<int> Children { get; init; }

    /// <summary>TreeCount roots as <see cref="NodeRef"/>s.</summary>
    public required ReadOnlyMemory<int> Roots { get; init; }

    /// <summary>LeafCount + 1 offsets into <see cref="LeafItems"/>.</summary>
    public required ReadOnlyMemory<int> LeafStarts { get; init; }

    /// <summary>The rows of every leaf, leaf after leaf.</summary>
    public required ReadOnlyMemory<int> LeafItems { get; init; }

    public int InnerCount => Offsets.Length;
    public int LeafCount => LeafStarts.Length - 1;

    /// <summary>Angular and dot splits pass through the origin (the dot transform makes dot an angle problem).</summary>
    public bool SplitsThroughOrigin => Metric != DistanceMetric.Euclidean;
}
